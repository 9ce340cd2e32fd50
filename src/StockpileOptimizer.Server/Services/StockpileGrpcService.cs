using Grpc.Core;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Services;

/// <summary>
/// stockpile.v1.StockpileService: reads and validates requests, maps them, and delegates to
/// the job system. It holds no model logic and no job logic. Errors are mapped by
/// <see cref="Interceptors.ErrorInterceptor"/>.
/// </summary>
internal sealed class StockpileGrpcService(
    IJobService jobs,
    RequestReader reader,
    IOptions<ServerOptions> serverOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StockpileGrpcService> logger) : V1.StockpileService.StockpileServiceBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;

    /// <summary>
    /// A job like any other (it takes a slot of the same bounded queue), awaited through its
    /// events; a caller that gives up cancels it. Its deadline caps the solver's time limit
    /// (<see cref="CallTimeLimit"/>).
    /// </summary>
    public override async Task<V1.SolveResult> Solve(V1.SolveRequest request, ServerCallContext context)
    {
        var (instance, options) = reader.Solve(request.Instance, request.Options);
        var remaining = Remaining(context.Deadline);
        if (remaining <= TimeSpan.Zero)
        {
            throw RpcErrors.DeadlineExceeded("the call's deadline passed before the solve could start");
        }
        options = options with { TimeLimit = CallTimeLimit.ForCall(options.TimeLimit, remaining, serverOptions.Value.DeadlineMargin) };
        var (job, _) = await jobs.SubmitAsync(new JobSubmission(null, instance, options), context.CancellationToken);
        ServerLog.SolveQueued(logger, job.Id, job.Fingerprint, options.TimeLimit);

        using var answerDue = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        if (CallTimeLimit.UntilAnswerDue(Remaining(context.Deadline)) is { } due)
        {
            answerDue.CancelAfter(due);
        }
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(
            context.CancellationToken, lifetime.ApplicationStopping, answerDue.Token);
        try
        {
            await foreach (var _ in jobs.WatchAsync(job.Id, 0, waiting.Token))
            {
                // Only the end matters here; StartSolve + WatchJob show the events.
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested || answerDue.IsCancellationRequested)
        {
            // The caller gave up or its deadline is here: stop the solve nobody will receive,
            // without waiting for a running solver to wind down (the answer is due now).
            ServerLog.SolveAbandoned(logger, job.Id);
            _ = CancelAbandoned(job.Id);
            if (answerDue.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                throw RpcErrors.DeadlineExceeded($"the solve was not done by the call's deadline; its job {JobNames.Format(job.Id)} was cancelled");
            }
            throw;
        }
        var result = await FinishedResult(job.Id, context.CancellationToken);
        ServerLog.SolveAnswered(logger, job.Id, result.Solver.Termination);
        return DomainMapping.ToProto(result);
    }

    public override async Task<V1.Job> StartSolve(V1.StartSolveRequest request, ServerCallContext context)
    {
        var (instance, options) = reader.Solve(request.Instance, request.Options, request.RequestId);
        var requestId = request.RequestId.Length > 0 ? request.RequestId : null;
        var (job, created) = await jobs.SubmitAsync(new JobSubmission(requestId, instance, options), context.CancellationToken);
        ServerLog.JobStarted(logger, created ? "queued" : "found existing", job.Id, job.Fingerprint, requestId);
        return JobToProto.ToProto(job);
    }

    public override async Task<V1.Job> GetJob(V1.GetJobRequest request, ServerCallContext context)
    {
        var id = reader.JobId(request.Name);
        var job = await jobs.GetAsync(id, context.CancellationToken) ?? throw RpcErrors.NotFound(request.Name);
        var result = job.State is JobState.Succeeded or JobState.Cancelled
            ? await jobs.GetResultAsync(id, context.CancellationToken)
            : null;
        return JobToProto.ToProto(job, result is null ? null : DomainMapping.ToProto(result));
    }

    public override async Task<V1.ListJobsResponse> ListJobs(V1.ListJobsRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        if (request.PageSize < 0)
        {
            problems.Add(ProtoProblems.Invalid("pageSize", $"must be ≥ 0 (got {request.PageSize})"));
        }
        var state = StateFilter(request.State, problems);
        RequestReader.ThrowIfAny(problems);

        var pageSize = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var token = request.PageToken.Length > 0 ? request.PageToken : null;
        JobPage page;
        try
        {
            page = await jobs.ListAsync(state, pageSize, token, context.CancellationToken);
        }
        catch (Exception e) when (token is not null && e is ArgumentException or FormatException)
        {
            throw RpcErrors.InvalidArgument([ProtoProblems.Invalid("pageToken", "is not a token this server gave (pass next_page_token unchanged)")]);
        }
        var response = new V1.ListJobsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.Jobs.Add(page.Jobs.Select(j => JobToProto.ToProto(j)));
        return response;
    }

    public override async Task<V1.Job> CancelJob(V1.CancelJobRequest request, ServerCallContext context)
    {
        var id = reader.JobId(request.Name);
        var job = await jobs.CancelAsync(id, context.CancellationToken) ?? throw RpcErrors.NotFound(request.Name);
        ServerLog.JobCancelRequested(logger, job.Id, job.State);
        return JobToProto.ToProto(job);
    }

    /// <summary>Ends with UNAVAILABLE when the server stops, so that the watcher resumes elsewhere or later.</summary>
    public override async Task WatchJob(V1.WatchJobRequest request, IServerStreamWriter<V1.JobEvent> responseStream, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var id = JobNames.Parse(request.Name, "name", problems);
        if (request.AfterSequence < 0)
        {
            problems.Add(ProtoProblems.Invalid("afterSequence", $"must be ≥ 0 (got {request.AfterSequence})"));
        }
        RequestReader.ThrowIfAny(problems);

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        await foreach (var e in jobs.WatchAsync(id!, request.AfterSequence, watching.Token))
        {
            await responseStream.WriteAsync(JobToProto.ToProto(e), watching.Token);
        }
        // The stream ended because the job did: the trailer says in which state, also when the
        // caller asked only for events after the last one (the stream is then empty).
        if (await jobs.GetAsync(id!, context.CancellationToken) is { } snapshot && snapshot.State.IsTerminal())
        {
            context.ResponseTrailers.Add(JobEndedTrailer, snapshot.State.ToName());
        }
    }

    /// <summary>Trailer of a WatchJob stream that ended with its job: the job's final state, e.g. SUCCEEDED.</summary>
    public const string JobEndedTrailer = "stockpile-job-state";

    public override Task<V1.ValidateScenarioResponse> ValidateScenario(V1.ValidateScenarioRequest request, ServerCallContext context)
    {
        var instance = reader.Instance(request.Instance);
        return Task.FromResult(new V1.ValidateScenarioResponse
        {
            Fingerprint = instance.Fingerprint,
            Periods = instance.Instance.Horizon.Periods,
            Scenarios = instance.Instance.Scenarios.Count,
        });
    }

    public override Task<V1.GetDefaultScenarioResponse> GetDefaultScenario(V1.GetDefaultScenarioRequest request, ServerCallContext context)
    {
        var instance = InstanceJson.Default();
        return Task.FromResult(new V1.GetDefaultScenarioResponse
        {
            Instance = DomainMapping.ToProto(instance),
            Fingerprint = InstanceJson.Fingerprint(instance),
            AnnotatedJson = InstanceJson.DefaultJson(),
        });
    }

    /// <summary>Time left until the call's <paramref name="deadline"/> (UTC); null when it has none (<see cref="DateTime.MaxValue"/>).</summary>
    private TimeSpan? Remaining(DateTime deadline) =>
        deadline == DateTime.MaxValue ? null : deadline - time.GetUtcNow().UtcDateTime;

    private async Task CancelAbandoned(string id)
    {
        try
        {
            await jobs.CancelAsync(id, CancellationToken.None);
        }
        catch (Exception e)
        {
            ServerLog.CancelFailed(logger, id, e);
        }
    }

    /// <summary>The result of a job that has reached a terminal state.</summary>
    private async Task<SolveResult> FinishedResult(string id, CancellationToken cancel)
    {
        var job = await jobs.GetAsync(id, cancel) ?? throw RpcErrors.Internal($"job {id} vanished while it was awaited");
        var result = await jobs.GetResultAsync(id, cancel);
        return (job.State, result) switch
        {
            // A solver failure on valid input is data (TERMINATION_ERROR with the solver's message), not INTERNAL.
            (JobState.Failed, { Solver.Termination: Termination.Error } r) => r,
            (JobState.Failed, _) => throw RpcErrors.Internal($"the solve failed ({JobNames.Format(id)}): {job.Error}"),
            (_, { } r) => r,
            (JobState.Cancelled, null) => new SolveResult
            {
                Fingerprint = job.Fingerprint,
                Solver = new SolverFacts
                {
                    Termination = Termination.Cancelled,
                    Objective = double.NaN, BestBound = double.NaN, Gap = double.NaN,
                    Message = job.Error ?? "cancelled before a feasible plan was found",
                },
            },
            _ => throw RpcErrors.Internal($"job {JobNames.Format(id)} ended {job.State} without a result"),
        };
    }

    private static JobState? StateFilter(V1.JobState state, ICollection<Violation> problems)
    {
        switch (state)
        {
            case V1.JobState.Unspecified: return null;
            case V1.JobState.Queued: return JobState.Queued;
            case V1.JobState.Running: return JobState.Running;
            case V1.JobState.Succeeded: return JobState.Succeeded;
            case V1.JobState.Failed: return JobState.Failed;
            case V1.JobState.Cancelled: return JobState.Cancelled;
            default:
                problems.Add(ProtoProblems.UnknownEnum("state", (int)state, "a JOB_STATE_* value"));
                return null;
        }
    }
}

using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Client;

/// <summary>
/// Typed helpers over the generated stubs of <c>stockpile.v1</c> (StockpileService and
/// AnalysisService), for services that call the stockpile server. Requests and responses are
/// the generated proto types (namespace <c>StockpileOptimizer.Contracts.V1</c>, the wire
/// contract); <see cref="Contracts.Mapping.DomainMapping"/> (StockpileOptimizer.Contracts)
/// converts to and from the engine's domain records for callers that have them.
///
/// Every unary call goes through <see cref="StockpileResilience"/> (retry on UNAVAILABLE
/// only, jittered exponential backoff) and has a deadline per attempt
/// (<see cref="StockpileClientOptions.CallTimeout"/>; for <see cref="SolveAsync"/> the time
/// limit plus <see cref="StockpileClientOptions.SolveDeadlineSlack"/>).
/// <see cref="WatchAsync"/> resumes a dropped event stream from the last sequence number it
/// delivered. Failures are <see cref="StockpileClientException"/>s; a cancelled token is an
/// <see cref="OperationCanceledException"/>.
///
/// Get one from dependency injection (<c>services.AddStockpileClient(...)</c>) or
/// <see cref="Create"/>. It is thread-safe; share one per server.
/// </summary>
public sealed class StockpileClient : IDisposable
{
    private readonly StockpileService.StockpileServiceClient stockpile;
    private readonly AnalysisService.AnalysisServiceClient analysis;
    private readonly StockpileClientOptions options;
    private readonly Uri address;
    private readonly ResiliencePipeline pipeline;
    private readonly GrpcChannel? ownedChannel;

    /// <summary>Over stubs made elsewhere (the client factory does this); <paramref name="options"/> gives the policy, its address only names the server in messages.</summary>
    public StockpileClient(
        StockpileService.StockpileServiceClient stockpile, AnalysisService.AnalysisServiceClient analysis, StockpileClientOptions options)
        : this(stockpile, analysis, options, null)
    {
    }

    private StockpileClient(
        StockpileService.StockpileServiceClient stockpile, AnalysisService.AnalysisServiceClient analysis, StockpileClientOptions options, GrpcChannel? channel)
    {
        this.options = options.Clone();
        address = this.options.Validate();
        this.stockpile = stockpile;
        this.analysis = analysis;
        pipeline = StockpileResilience.CreatePipeline(this.options);
        ownedChannel = channel;
    }

    /// <summary>A client with a channel of its own (disposed with the client), for programs without dependency injection.</summary>
    public static StockpileClient Create(StockpileClientOptions options, params Grpc.Core.Interceptors.Interceptor[] interceptors)
    {
        var channel = GrpcChannel.ForAddress(options.Validate(), ChannelOptions(options));
        CallInvoker invoker = channel.CreateCallInvoker();
        foreach (var interceptor in interceptors.Reverse())
        {
            invoker = Grpc.Core.Interceptors.CallInvokerExtensions.Intercept(invoker, interceptor);
        }
        return new StockpileClient(
            new StockpileService.StockpileServiceClient(invoker), new AnalysisService.AnalysisServiceClient(invoker), options, channel);
    }

    /// <summary>The channel settings the client needs (message sizes).</summary>
    public static GrpcChannelOptions ChannelOptions(StockpileClientOptions options) => Configure(new GrpcChannelOptions(), options);

    internal static GrpcChannelOptions Configure(GrpcChannelOptions channel, StockpileClientOptions options)
    {
        channel.MaxReceiveMessageSize = options.MaxReceiveMessageBytes;
        channel.MaxSendMessageSize = options.MaxSendMessageBytes;
        return channel;
    }

    /// <summary>The server's address.</summary>
    public Uri Address => address;

    /// <summary>The generated StockpileService stub, for what the helpers do not cover (no retries, no deadline: yours to set).</summary>
    public StockpileService.StockpileServiceClient Stockpile => stockpile;

    /// <summary>The generated AnalysisService stub, likewise.</summary>
    public AnalysisService.AnalysisServiceClient Analysis => analysis;

    public void Dispose() => ownedChannel?.Dispose();

    // ------------------------------------------------------------------------------------
    // StockpileService

    /// <summary>
    /// Solves <paramref name="instance"/> in one call. <paramref name="timeLimit"/> (else
    /// <c>options.time_limit</c>, else the server's default) bounds the solver; the call's
    /// deadline is that plus <see cref="StockpileClientOptions.SolveDeadlineSlack"/>. An
    /// infeasible, time-limited or cancelled solve is a result, not an exception.
    /// </summary>
    public Task<SolveResult> SolveAsync(
        StockpileInstance instance, TimeSpan? timeLimit = null, SolveOptions? solveOptions = null, CancellationToken cancel = default)
    {
        var request = new SolveRequest { Instance = instance, Options = solveOptions?.Clone() };
        if (timeLimit is { } limit)
        {
            request.Options ??= new SolveOptions();
            request.Options.TimeLimit = Duration.FromTimeSpan(limit);
        }
        var solverLimit = request.Options?.TimeLimit?.ToTimeSpan() ?? options.DefaultSolveTimeLimit;
        return UnaryAsync("StockpileService/Solve", request, static (s, r, o) => s.stockpile.SolveAsync(r, o), solverLimit + options.SolveDeadlineSlack, cancel);
    }

    /// <summary>
    /// Queues a solve and returns its job at once. <paramref name="requestId"/> (default: a new
    /// UUID) is sent with every attempt, so a retried call returns the job the first attempt
    /// created instead of queuing a second one.
    /// </summary>
    public Task<Job> StartSolveAsync(
        StockpileInstance instance, string? requestId = null, SolveOptions? solveOptions = null, CancellationToken cancel = default)
    {
        var request = new StartSolveRequest { Instance = instance, Options = solveOptions, RequestId = requestId ?? NewRequestId() };
        return UnaryAsync("StockpileService/StartSolve", request, static (s, r, o) => s.stockpile.StartSolveAsync(r, o), options.CallTimeout, cancel);
    }

    /// <summary>The job <paramref name="name"/> ("jobs/…"), with its result once it has one.</summary>
    public Task<Job> GetJobAsync(string name, CancellationToken cancel = default) =>
        UnaryAsync("StockpileService/GetJob", new GetJobRequest { Name = name }, static (s, r, o) => s.stockpile.GetJobAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Asks the server to cancel the job (idempotent); returns the job as it is then. Watch it to see it end.</summary>
    public Task<Job> CancelAsync(string name, CancellationToken cancel = default) =>
        UnaryAsync("StockpileService/CancelJob", new CancelJobRequest { Name = name }, static (s, r, o) => s.stockpile.CancelJobAsync(r, o), options.CallTimeout, cancel);

    /// <summary>One page of jobs, newest first (without results).</summary>
    public Task<ListJobsResponse> ListJobsAsync(
        JobState state = JobState.Unspecified, int pageSize = 0, string pageToken = "", CancellationToken cancel = default) =>
        UnaryAsync("StockpileService/ListJobs", new ListJobsRequest { State = state, PageSize = pageSize, PageToken = pageToken },
            static (s, r, o) => s.stockpile.ListJobsAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Checks an instance without solving it: its fingerprint and size, or <see cref="StockpileInvalidRequestException"/> listing every problem.</summary>
    public Task<ValidateScenarioResponse> ValidateAsync(StockpileInstance instance, CancellationToken cancel = default) =>
        UnaryAsync("StockpileService/ValidateScenario", new ValidateScenarioRequest { Instance = instance },
            static (s, r, o) => s.stockpile.ValidateScenarioAsync(r, o), options.CallTimeout, cancel);

    /// <summary>The server's default US–Canada instance, its fingerprint and its annotated JSON.</summary>
    public Task<GetDefaultScenarioResponse> GetDefaultScenarioAsync(CancellationToken cancel = default) =>
        UnaryAsync("StockpileService/GetDefaultScenario", new GetDefaultScenarioRequest(),
            static (s, r, o) => s.stockpile.GetDefaultScenarioAsync(r, o), options.CallTimeout, cancel);

    /// <summary>
    /// The job's events after <paramref name="afterSequence"/>, in order, each exactly once,
    /// ending after the event that reports a terminal state. A stream that breaks (UNAVAILABLE:
    /// the server restarted, the connection dropped) or ends early is opened again from the
    /// last sequence delivered, with the retry policy's backoff; the retry budget starts anew
    /// after every event received. No deadline: cancel the token to stop watching.
    /// </summary>
    public async IAsyncEnumerable<JobEvent> WatchAsync(
        string name, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var watch = new Watch(this, name, afterSequence);
        try
        {
            while (await watch.NextAsync(cancel).ConfigureAwait(false) is { } next)
            {
                yield return next;
            }
        }
        finally
        {
            watch.Dispose();
        }
    }

    /// <summary>
    /// Follows a job to its end: its events go to <paramref name="progress"/>, and the job is
    /// returned as GetJob gives it then (with its result). Cancelling <paramref name="cancel"/>
    /// cancels the job on the server and still waits (at most <see cref="StockpileClientOptions.CallTimeout"/>)
    /// for it to end, so that a cancelled solve's best plan so far is returned.
    /// </summary>
    public async Task<Job> WaitForJobAsync(string name, IProgress<JobEvent>? progress = null, CancellationToken cancel = default)
    {
        try
        {
            await FollowAsync(name, 0, progress, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(options.CallTimeout);
            var job = await CancelAsync(name, grace.Token).ConfigureAwait(false);
            try
            {
                await FollowAsync(name, job.LastSequence, progress, grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (grace.IsCancellationRequested)
            {
                // It did not end in time; report it as it is.
            }
            return await GetJobAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
        return await GetJobAsync(name, cancel).ConfigureAwait(false);
    }

    /// <summary><see cref="StartSolveAsync"/> then <see cref="WaitForJobAsync"/>: a solve as a job, with progress events, robust to a server restart.</summary>
    public async Task<Job> RunSolveAsync(
        StockpileInstance instance, SolveOptions? solveOptions = null, IProgress<JobEvent>? progress = null, CancellationToken cancel = default)
    {
        var job = await StartSolveAsync(instance, null, solveOptions, cancel).ConfigureAwait(false);
        return await WaitForJobAsync(job.Name, progress, cancel).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------------------------
    // AnalysisService

    /// <summary>Queues a cooperation analysis; an empty <c>request_id</c> is filled with a new UUID (kept across retries).</summary>
    public Task<Job> StartCooperationAsync(StartCooperationRequest request, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/StartCooperation", WithId(request, request.RequestId, (r, id) => r.RequestId = id),
            static (s, r, o) => s.analysis.StartCooperationAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Queues a frontier; an empty <c>request_id</c> is filled with a new UUID (kept across retries).</summary>
    public Task<Job> StartFrontierAsync(StartFrontierRequest request, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/StartFrontier", WithId(request, request.RequestId, (r, id) => r.RequestId = id),
            static (s, r, o) => s.analysis.StartFrontierAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Queues an out-of-sample evaluation; an empty <c>request_id</c> is filled with a new UUID (kept across retries).</summary>
    public Task<Job> StartEvaluationAsync(StartEvaluationRequest request, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/StartEvaluation", WithId(request, request.RequestId, (r, id) => r.RequestId = id),
            static (s, r, o) => s.analysis.StartEvaluationAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Queues a sample-average approximation (a plan from sampled futures); an empty <c>request_id</c> is filled with a new UUID (kept across retries).</summary>
    public Task<Job> StartSaaAsync(StartSaaRequest request, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/StartSaa", WithId(request, request.RequestId, (r, id) => r.RequestId = id),
            static (s, r, o) => s.analysis.StartSaaAsync(r, o), options.CallTimeout, cancel);

    /// <summary>Samples (and optionally reduces) scenarios for an instance.</summary>
    public Task<GenerateScenariosResponse> GenerateScenariosAsync(GenerateScenariosRequest request, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/GenerateScenarios", request, static (s, r, o) => s.analysis.GenerateScenariosAsync(r, o), options.CallTimeout, cancel);

    /// <summary>The result of an analysis job (partial or unset before it succeeded; see analyses.proto).</summary>
    public Task<AnalysisResult> GetAnalysisResultAsync(string name, CancellationToken cancel = default) =>
        UnaryAsync("AnalysisService/GetAnalysisResult", new GetAnalysisResultRequest { Name = name },
            static (s, r, o) => s.analysis.GetAnalysisResultAsync(r, o), options.CallTimeout, cancel);

    // ------------------------------------------------------------------------------------

    private static string NewRequestId() => Guid.NewGuid().ToString();

    private static T WithId<T>(T request, string id, Action<T, string> set)
        where T : Google.Protobuf.IMessage<T>
    {
        if (!string.IsNullOrEmpty(id))
        {
            return request;
        }
        var copy = request.Clone();
        set(copy, NewRequestId());
        return copy;
    }

    private async Task FollowAsync(string name, long afterSequence, IProgress<JobEvent>? progress, CancellationToken cancel)
    {
        await foreach (var e in WatchAsync(name, afterSequence, cancel).ConfigureAwait(false))
        {
            progress?.Report(e);
        }
    }

    private Metadata Headers()
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            headers.Add("x-api-key", options.ApiKey);
        }
        return headers;
    }

    private CallOptions CallOptions(TimeSpan? timeout, CancellationToken cancel) =>
        new(headers: Headers(), deadline: timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken: cancel);

    /// <summary>One unary call: every attempt through the pipeline with its own deadline; the last failure as a <see cref="StockpileClientException"/>.</summary>
    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        string method, TRequest request, Func<StockpileClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> call, TimeSpan timeout, CancellationToken cancel)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(method, cancel);
        context.Properties.Set(StockpileResilience.MethodKey, method);
        try
        {
            return await pipeline.ExecuteAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    using var pending = call(this, request, CallOptions(timeout, ctx.CancellationToken));
                    return await pending.ResponseAsync.ConfigureAwait(false);
                },
                context,
                0).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{method} was cancelled", e, cancel);
        }
        catch (RpcException e)
        {
            throw StockpileClientException.From(e, method, attempts, address, timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The state of one <see cref="WatchAsync"/>: the open stream and the last sequence delivered.
    /// Each next event is one operation of the retry pipeline, so a broken stream is reopened from
    /// the last sequence with backoff, and the retry budget is per event.
    /// </summary>
    private sealed class Watch(StockpileClient client, string name, long afterSequence) : IDisposable
    {
        private const string Method = "StockpileService/WatchJob";
        private AsyncServerStreamingCall<JobEvent>? call;
        private long last = afterSequence;
        private bool finished;

        public async Task<JobEvent?> NextAsync(CancellationToken cancel)
        {
            if (finished)
            {
                return null;
            }
            var attempts = 0;
            var context = ResilienceContextPool.Shared.Get(Method, cancel);
            context.Properties.Set(StockpileResilience.MethodKey, Method);
            try
            {
                var next = await client.pipeline.ExecuteAsync(
                    async (ctx, _) =>
                    {
                        attempts++;
                        return await ReadAsync(ctx.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    0).ConfigureAwait(false);
                if (next is null)
                {
                    finished = true;
                    return null;
                }
                last = next.Sequence;
                if (next.Kind == JobEventKind.StateChange && IsTerminal(next.State))
                {
                    finished = true;
                }
                return next;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{Method} was cancelled", e, cancel);
            }
            catch (RpcException e)
            {
                throw StockpileClientException.From(e, Method, attempts, client.address, null);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>The next new event, or null when the job has ended; UNAVAILABLE when the stream broke (to be reopened).</summary>
        private async Task<JobEvent?> ReadAsync(CancellationToken cancel)
        {
            while (true)
            {
                call ??= client.stockpile.WatchJob(new WatchJobRequest { Name = name, AfterSequence = last }, client.CallOptions(null, cancel));
                bool more;
                try
                {
                    more = await call.ResponseStream.MoveNext(cancel).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    Drop();
                    throw;
                }
                if (!more)
                {
                    Drop();
                    // The server ends the stream after the terminal event; an end without it is
                    // a stream cut short (a stopping server), unless the job had already ended
                    // before `afterSequence` (nothing left to send).
                    var job = await client.GetJobAsync(name, cancel).ConfigureAwait(false);
                    if (IsTerminal(job.State) && job.LastSequence <= last)
                    {
                        return null;
                    }
                    throw new RpcException(new Status(StatusCode.Unavailable, $"the event stream of {name} ended before the job did"));
                }
                var e = call.ResponseStream.Current;
                if (e.Sequence > last)
                {
                    return e;
                }
            }
        }

        private void Drop()
        {
            call?.Dispose();
            call = null;
        }

        public void Dispose() => Drop();
    }

    /// <summary>True for SUCCEEDED, FAILED and CANCELLED.</summary>
    public static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}

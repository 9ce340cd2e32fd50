using Grpc.Core;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Services;

/// <summary>
/// stockpile.v1.AnalysisService: reads and validates requests (every problem at once, as
/// StockpileService does), maps them to analysis jobs and submits them to the job system;
/// StockpileService's GetJob, ListJobs, WatchJob and CancelJob then serve them like any job.
/// GenerateScenarios samples in the call. Errors are mapped by <see cref="Interceptors.ErrorInterceptor"/>.
/// </summary>
internal sealed class AnalysisGrpcService(
    IJobService jobs,
    RequestReader reader,
    ILogger<AnalysisGrpcService> logger) : V1.AnalysisService.AnalysisServiceBase
{
    public override Task<V1.Job> StartCooperation(V1.StartCooperationRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = AnalysisFromProto.Cooperation(request.Spec, instance, problems);
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.Job> StartFrontier(V1.StartFrontierRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = AnalysisFromProto.Frontier(request.Spec, problems);
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.Job> StartEvaluation(V1.StartEvaluationRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = AnalysisFromProto.Evaluation(request.Spec, instance, problems);
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.GenerateScenariosResponse> GenerateScenarios(V1.GenerateScenariosRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var instance = reader.Instance(request.Instance, problems);
        var valid = problems.Count == 0 ? instance : null;
        if (request.Count is < 1 or > AnalysisFromProto.MaxScenarios)
        {
            problems.Add(ProtoProblems.Invalid("count", $"must be between 1 and {AnalysisFromProto.MaxScenarios} (got {request.Count})"));
        }
        if (request.ReduceTo is < 1)
        {
            problems.Add(ProtoProblems.Invalid("reduceTo", $"must be at least 1 (got {request.ReduceTo})"));
        }
        else if (request.ReduceTo is { } keep && keep < request.Count && request.Count > AnalysisFromProto.MaxReducedScenarios)
        {
            problems.Add(ProtoProblems.Invalid("count", $"must be at most {AnalysisFromProto.MaxReducedScenarios} when the sample is reduced "
                + $"(got {request.Count}; the reduction's work and memory grow as count²)"));
        }
        var distribution = AnalysisFromProto.Distribution(request.Distribution, "distribution", valid, problems) ?? ScenarioDistribution.Default;
        RequestReader.ThrowIfAny(problems);

        var sampled = ScenarioGenerator.Sample(instance!, distribution, request.Count, request.Seed);
        var reduction = request.ReduceTo is { } k && k < sampled.Count ? ScenarioReduction.FastForward(sampled, k, instance!) : null;
        return Task.FromResult(AnalysisToProto.Scenarios(sampled, reduction));
    }

    public override async Task<V1.AnalysisResult> GetAnalysisResult(V1.GetAnalysisResultRequest request, ServerCallContext context)
    {
        var id = reader.JobId(request.Name);
        var job = await jobs.GetAsync(id, context.CancellationToken) ?? throw RpcErrors.NotFound(request.Name);
        if (!JobKinds.IsAnalysis(job.Kind))
        {
            throw RpcErrors.FailedPrecondition(
                $"{request.Name} is a {job.Kind} job, not an analysis; its result is in GetJob", "JOB_KIND", request.Name);
        }
        var result = job.State is JobState.Succeeded or JobState.Cancelled
            ? await jobs.GetAnalysisResultAsync(id, context.CancellationToken)
            : null;
        return AnalysisToProto.ToProto(job, result);
    }

    /// <summary>The instance, the options of each solve and the request id, with their problems.</summary>
    private (StockpileInstance? Instance, SolveOptions Options, string? RequestId) Read(
        V1.StockpileInstance? proto, V1.SolveOptions? solveOptions, string requestId, List<Violation> problems)
    {
        var instance = reader.Instance(proto, problems);
        // The analyses' checks against the instance only make sense for a valid one.
        var valid = problems.Count == 0 ? instance : null;
        var options = OptionsFromProto.ToDomain(solveOptions, problems) with { TimeLimit = TimeLimitPolicy.ForJob(solveOptions?.TimeLimit) };
        if (requestId.Length > RequestReader.MaxRequestIdLength)
        {
            problems.Add(ProtoProblems.Invalid("requestId", $"must be at most {RequestReader.MaxRequestIdLength} characters (got {requestId.Length})"));
        }
        return (valid, options, requestId.Length > 0 ? requestId : null);
    }

    private async Task<V1.Job> Submit(
        StockpileInstance? instance, SolveOptions options, string? requestId, AnalysisSpec spec, List<Violation> problems, ServerCallContext context)
    {
        RequestReader.ThrowIfAny(problems);
        var (job, created) = await jobs.SubmitAsync(JobSubmission.For(requestId, instance!, options, spec), context.CancellationToken);
        ServerLog.AnalysisStarted(logger, spec.Kind, created ? "queued" : "found existing", job.Id, job.Fingerprint, requestId);
        return JobToProto.ToProto(job);
    }
}

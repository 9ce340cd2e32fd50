using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Services;

/// <summary>
/// stockpile.v1.AnalysisService: maps requests (every problem at once, as StockpileService
/// does: the mapping's, the instance's and the spec's <see cref="WorkChecks"/>) and submits them
/// to the job system as analysis jobs; StockpileService's GetJob, ListJobs, WatchJob and
/// CancelJob then serve them like any job. GenerateScenarios runs the application layer's
/// generation in the call. Errors are mapped by <see cref="Interceptors.ErrorInterceptor"/>.
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
        var spec = DomainMapping.ToDomain(request.Spec);
        problems.AddRange(WorkChecks.Check(spec, instance));
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.Job> StartFrontier(V1.StartFrontierRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = DomainMapping.ToDomain(request.Spec, problems);
        if (request.Spec is not null)
        {
            problems.AddRange(WorkChecks.Check(spec, instance));
        }
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.Job> StartEvaluation(V1.StartEvaluationRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = DomainMapping.ToDomain(request.Spec);
        problems.AddRange(WorkChecks.Check(spec, instance));
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.Job> StartSaa(V1.StartSaaRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var (instance, options, requestId) = Read(request.Instance, request.Options, request.RequestId, problems);
        var spec = DomainMapping.ToDomain(request.Spec, problems);
        problems.AddRange(WorkChecks.Check(spec, instance));
        return Submit(instance, options, requestId, spec, problems, context);
    }

    public override Task<V1.GenerateScenariosResponse> GenerateScenarios(V1.GenerateScenariosRequest request, ServerCallContext context)
    {
        var problems = new List<Violation>();
        var instance = reader.Instance(request.Instance, problems);
        var spec = DomainMapping.ToDomain(request);
        problems.AddRange(WorkChecks.Check(spec, instance));
        RequestReader.ThrowIfAny(problems);
        // Bounded by WorkChecks; stops when the caller goes away (ErrorInterceptor answers CANCELLED).
        return Task.FromResult(DomainMapping.ToProto(StockpileApplication.Run(instance!, spec, context.CancellationToken)));
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
        return JobToProto.ToProto(job, result);
    }

    /// <summary>The instance (null when it has a problem), the options of each solve and the request id, with their problems.</summary>
    private (ValidatedInstance? Instance, SolveOptions Options, string? RequestId) Read(
        V1.StockpileInstance? proto, V1.SolveOptions? solveOptions, string requestId, List<Violation> problems)
    {
        var instance = reader.Instance(proto, problems);
        var options = SolveOptions.From(DomainMapping.ToDomain(solveOptions, problems));
        if (requestId.Length > RequestReader.MaxRequestIdLength)
        {
            problems.Add(ProtoProblems.Invalid("requestId", $"must be at most {RequestReader.MaxRequestIdLength} characters (got {requestId.Length})"));
        }
        return (instance, options, requestId.Length > 0 ? requestId : null);
    }

    private async Task<V1.Job> Submit(
        ValidatedInstance? instance, SolveOptions options, string? requestId, AnalysisSpec spec, List<Violation> problems, ServerCallContext context)
    {
        RequestReader.ThrowIfAny(problems);
        var (job, created) = await jobs.SubmitAsync(JobSubmission.For(requestId, instance!, options, spec), context.CancellationToken);
        ServerLog.AnalysisStarted(logger, spec.Kind, created ? "queued" : "found existing", job.Id, job.Fingerprint, requestId);
        return JobToProto.ToProto(job);
    }
}

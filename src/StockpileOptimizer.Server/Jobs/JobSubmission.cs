using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// What a caller submits: the instance, validated once by the caller that read the request
/// (<see cref="ValidatedInstance"/>, which also carries its fingerprint), the options of its
/// solve (of each solve, for an analysis), the kind (<see cref="JobKinds"/>) and, for an
/// analysis, its spec, whose kind must be the job's.
/// </summary>
public sealed record JobSubmission(
    string? RequestId, ValidatedInstance Instance, SolveOptions Options, string Kind = JobKinds.Solve, AnalysisSpec? Analysis = null)
{
    /// <summary>An analysis job, its kind taken from the spec.</summary>
    public static JobSubmission For(string? requestId, ValidatedInstance instance, SolveOptions options, AnalysisSpec analysis) =>
        new(requestId, instance, options, analysis.Kind, analysis);
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// A submission as the store gives it back: the fields of a <see cref="JobSubmission"/>, its
/// instance not validated in this process.
/// </summary>
public sealed record StoredSubmission(
    string? RequestId, StockpileInstance Instance, SolveOptions Options, string Kind = JobKinds.Solve, AnalysisSpec? Analysis = null)
{
    /// <summary>
    /// The submission with its instance validated. Called once, when the job runs: the row may
    /// have been written by another process (this host before a restart, or another replica
    /// sharing the store), whose validation this process cannot take on trust.
    /// </summary>
    /// <exception cref="InvalidInstanceException">The stored instance breaks a rule of this server's validator.</exception>
    public JobSubmission Validate() => new(RequestId, ValidatedInstance.Require(Instance), Options, Kind, Analysis);
}

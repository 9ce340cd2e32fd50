using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// A state change. Entering RUNNING sets the start time and counts an attempt; going back to
/// QUEUED clears the start time; a terminal state sets the finish time. Error, result and
/// analysis result replace what was stored (null clears). The state event carries the message
/// and the numbers.
/// </summary>
public sealed record JobTransition(
    JobState To,
    DateTimeOffset Time,
    string Message,
    string? Error = null,
    SolveResult? Result = null,
    double? Objective = null,
    double? BestBound = null,
    double? Gap = null,
    AnalysisResult? Analysis = null);

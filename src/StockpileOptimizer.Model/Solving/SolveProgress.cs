namespace StockpileOptimizer.Model;

public enum ProgressKind
{
    /// <summary>A phase of the engine began (building, solving, extracting, shadow prices, diagnosis).</summary>
    Phase,
    /// <summary>A line of the solver's own log.</summary>
    Log,
    /// <summary>The solver reported a new incumbent and/or bound.</summary>
    Incumbent,
}

/// <summary>
/// Progress of one solve, as the solver reports it: nothing here is estimated. Objective and
/// bound are in USD; gap is relative.
/// </summary>
public sealed record SolveProgress
{
    public ProgressKind Kind { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string Message { get; init; } = "";
    public double? Objective { get; init; }
    public double? BestBound { get; init; }
    public double? Gap { get; init; }
    public long? Nodes { get; init; }
}

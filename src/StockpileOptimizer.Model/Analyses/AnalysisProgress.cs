namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Progress of an analysis: <see cref="Completed"/> of <see cref="Total"/> solves are done,
/// the last being <see cref="Item"/> (e.g. "coalition US+CA", "λ = 0.5", "sample 17 (s17)")
/// with a one-line <see cref="Message"/> about its outcome. Reported once per finished solve,
/// with <see cref="Completed"/> increasing by one each time.
/// </summary>
public sealed record AnalysisProgress
{
    public int Completed { get; init; }
    public int Total { get; init; }
    public string Item { get; init; } = "";
    public string Message { get; init; } = "";
    /// <summary>Time since the analysis started.</summary>
    public TimeSpan Elapsed { get; init; }
    /// <summary>A decomposition's lower bound after this step, USD (null for analyses without bounds).</summary>
    public double? LowerBoundUsd { get; init; }
    /// <summary>A decomposition's best upper bound after this step, USD.</summary>
    public double? UpperBoundUsd { get; init; }
    /// <summary>(upper − lower) / |upper| after this step.</summary>
    public double? Gap { get; init; }
}

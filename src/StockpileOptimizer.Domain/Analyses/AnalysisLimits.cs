namespace StockpileOptimizer.Domain;

/// <summary>
/// The largest work an analysis or a scenario generation accepts, whichever front end asks:
/// checked with the spec's field paths by the application layer
/// (StockpileOptimizer.Model.Application.WorkChecks) before any work starts.
/// </summary>
public static class AnalysisLimits
{
    /// <summary>Most countries a cooperation analysis takes: it solves 2^N − 1 coalitions (about a million for 20).</summary>
    public const int MaxCooperationCountries = 20;

    /// <summary>Most values a frontier sweeps.</summary>
    public const int MaxFrontierValues = 1000;

    /// <summary>Most scenarios an evaluation takes (given or sampled), and most a scenario generation samples.</summary>
    public const int MaxScenarios = 10_000;

    /// <summary>Most scenarios a scenario generation reduces: the reduction's distance matrix grows as count² (64 MB here, about 2 s).</summary>
    public const int MaxReducedScenarios = 4_000;

    /// <summary>Most iterations a decomposition may be given (each solves every sample once).</summary>
    public const int MaxDecompositionIterations = 10_000;

    /// <summary>Most replications of a statistical gap estimate (each is a whole SAA problem).</summary>
    public const int MaxReplications = 100;
}

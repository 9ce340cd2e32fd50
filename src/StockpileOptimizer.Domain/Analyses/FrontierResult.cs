
namespace StockpileOptimizer.Domain;

/// <summary>
/// One point per swept value, in sweep order. <see cref="FrontierPoint.NonDominated"/> marks
/// the frontier, both axes minimised: for a budget sweep, expected fiscal outlay against
/// expected shortage (what the money buys); for a λ sweep, expected cost against CVaR
/// shortage (what caution costs and buys). See docs/analyses.md for why.
/// </summary>
public sealed record FrontierResult
{
    public FrontierParameter Parameter { get; init; }
    public string CostAxis { get; init; } = "";
    public string RiskAxis { get; init; } = "";
    public IReadOnlyList<FrontierPoint> Points { get; init; } = [];
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>A solved point. Metrics are null when the point has no plan (infeasible, no incumbent, not reached).</summary>
public sealed record FrontierPoint
{
    /// <summary>The budget scale or λ of this point.</summary>
    public double Value { get; init; }
    public Termination Termination { get; init; }
    /// <summary>E[cost] + λ·CVaR_α(cost), USD.</summary>
    public double? ObjectiveUsd { get; init; }
    public double? ExpectedCostUsd { get; init; }
    /// <summary>Expected fiscal outlay of all countries: expected cost without the shortage damage.</summary>
    public double? ExpectedFiscalUsd { get; init; }
    public double? ExpectedShortageTonnes { get; init; }
    public double? CvarShortageTonnes { get; init; }
    public double? CvarCostUsd { get; init; }
    public double? Gap { get; init; }
    public Policy? Policy { get; init; }
    /// <summary>Wall time of this point's solve (build, solve, extraction), seconds.</summary>
    public double WallSeconds { get; init; }
    /// <summary>The solve was started from the previous point's policy.</summary>
    public bool WarmStarted { get; init; }
    public bool NonDominated { get; init; }
    public string Message { get; init; } = "";
}


namespace StockpileOptimizer.Domain;

/// <summary>
/// What cooperation is worth and how to split it (docs/analyses.md). Costs are solver
/// objectives, E[cost] + λ·CVaR, in USD. The aggregate numbers are null when some coalition
/// has no plan (infeasible, or no incumbent within the time limit) or the run was cancelled:
/// the characteristic function, and so the split, is then undefined.
/// </summary>
public sealed record CooperationResult
{
    public IReadOnlyList<string> Countries { get; init; } = [];
    /// <summary>Optimum of the grand coalition (the JOINT problem).</summary>
    public double? JointCostUsd { get; init; }
    /// <summary>INDEPENDENT: the sum of the stand-alone optima.</summary>
    public double? IndependentCostUsd { get; init; }
    /// <summary>Independent − joint, ≥ 0 up to the solver gap.</summary>
    public double? SavingUsd { get; init; }
    /// <summary>
    /// The saving by cost component: Σ_c stand-alone expected component − joint expected
    /// component, plus <see cref="CooperationAnalysis.RiskComponent"/> (the change in
    /// objective − expected cost). The entries sum to <see cref="SavingUsd"/>.
    /// </summary>
    public IReadOnlyList<CostComponent> SavingByComponent { get; init; } = [];
    /// <summary>Each country's stand-alone cost, its Shapley share of the saving, and what it pays after the split.</summary>
    public IReadOnlyList<CountryShare> Shares { get; init; } = [];
    /// <summary>All 2^N − 1 coalitions, singletons first, the grand coalition last.</summary>
    public IReadOnlyList<CoalitionOutcome> Coalitions { get; init; } = [];
    /// <summary>Every coalition solved to optimality (within the relative gap).</summary>
    public bool Exact { get; init; }
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <param name="ShapleyUsd">φ_c, the country's share of the saving; the shares sum to the saving.</param>
/// <param name="CostAfterSplitUsd">Stand-alone cost − φ_c: what the country bears under the fair split.</param>
public sealed record CountryShare(string Country, double? StandAloneCostUsd, double? ShapleyUsd, double? CostAfterSplitUsd);

public sealed record CoalitionOutcome
{
    public IReadOnlyList<string> Members { get; init; } = [];
    public Termination Termination { get; init; }
    /// <summary>Objective E[cost] + λ·CVaR of the coalition's own problem; null without a plan.</summary>
    public double? CostUsd { get; init; }
    public double? ExpectedCostUsd { get; init; }
    /// <summary>v(S) = Σ_{c∈S} stand-alone(c) − cost(S): what S saves by cooperating; null when undefined.</summary>
    public double? ValueUsd { get; init; }
    public double? Gap { get; init; }
    public double WallSeconds { get; init; }
    public IReadOnlyList<CostComponent> ExpectedCostByComponent { get; init; } = [];
    public Policy? Policy { get; init; }
    public string Message { get; init; } = "";
}

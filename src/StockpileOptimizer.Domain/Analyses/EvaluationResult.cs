
namespace StockpileOptimizer.Domain;

/// <summary>
/// A fixed policy on sampled futures (docs/analyses.md). The distributions are over the
/// samples whose recourse LP is feasible, their weights renormalised; infeasible samples are
/// counted and listed, never dropped silently. Null distributions: no feasible sample.
/// </summary>
public sealed record EvaluationResult
{
    public int Samples { get; init; }
    /// <summary>Samples with a feasible recourse (the distributions are over these).</summary>
    public int Feasible { get; init; }
    /// <summary>Samples where the policy breaks a row the recourse cannot repair (budget, refill, coverage, storage).</summary>
    public int Infeasible { get; init; }
    /// <summary>Samples not evaluated: cancelled, or a solver error.</summary>
    public int Unsolved { get; init; }
    /// <summary>Share of the sample weight that is infeasible: an estimate of P(the plan cannot be carried out).</summary>
    public double InfeasibleProbability { get; init; }
    /// <summary>L_s: fiscal cost of all countries plus shortage damage, USD.</summary>
    public Distribution? Cost { get; init; }
    /// <summary>Total shortage over countries, materials, sectors and periods, tonnes.</summary>
    public Distribution? Shortage { get; init; }
    /// <summary>Shortage in sectors marked Defence, tonnes.</summary>
    public Distribution? DefenceShortage { get; init; }
    /// <summary>Weight of the feasible samples with any defence-sector shortage.</summary>
    public double? DefenceShortageProbability { get; init; }
    public IReadOnlyList<EvaluationRow> Rows { get; init; } = [];
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>One sample's outcome; the amounts are null when its recourse has no solution.</summary>
public sealed record EvaluationRow
{
    /// <summary>Position in the sample list (ids may repeat when scenarios are resampled).</summary>
    public int Index { get; init; }
    public string Scenario { get; init; } = "";
    /// <summary>Normalised weight of the sample among all samples.</summary>
    public double Weight { get; init; }
    public Termination Termination { get; init; }
    public double? CostUsd { get; init; }
    public double? ShortageTonnes { get; init; }
    public double? DefenceShortageTonnes { get; init; }
    public string Message { get; init; } = "";
}

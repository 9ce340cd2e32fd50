namespace StockpileOptimizer.Domain;

/// <summary>Everything a solve returns. Money in USD, quantities in tonnes.</summary>
public sealed record SolveResult
{
    public SolverFacts Solver { get; init; } = new();
    /// <summary>SHA-256 (hex) of the canonical JSON of the instance that was solved.</summary>
    public string Fingerprint { get; init; } = "";
    /// <summary>Null when no feasible plan was found.</summary>
    public Policy? Policy { get; init; }
    public IReadOnlyList<ScenarioPath> Scenarios { get; init; } = [];
    public Kpis? Kpis { get; init; }
    public ShadowPrices? ShadowPrices { get; init; }
    /// <summary>Set when the instance is infeasible.</summary>
    public InfeasibilityDiagnosis? Diagnosis { get; init; }
}

public enum Termination
{
    Optimal,
    Feasible,
    Infeasible,
    Unbounded,
    TimeLimit,
    Cancelled,
    Error,
}

public sealed record SolverFacts
{
    public Termination Termination { get; init; }
    public string Solver { get; init; } = "";
    /// <summary>Objective E[cost] + λ·CVaR, USD.</summary>
    public double Objective { get; init; }
    public double BestBound { get; init; }
    /// <summary>Relative gap |objective − bound| / max(1, |objective|).</summary>
    public double Gap { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>Of the wall time: building the model (validation and fingerprint included).</summary>
    public double BuildSeconds { get; init; }
    /// <summary>Of the wall time: the MIP solver itself (all stages).</summary>
    public double SolveSeconds { get; init; }
    /// <summary>Of the wall time: extraction, KPIs and shadow prices or diagnosis.</summary>
    public double ExtractSeconds { get; init; }
    public long Nodes { get; init; }
    public int Variables { get; init; }
    public int Rows { get; init; }
    public string Message { get; init; } = "";
}

public sealed record Policy
{
    public IReadOnlyList<StockpileTarget> Stockpiles { get; init; } = [];
    public IReadOnlyList<TierChoice> Tiers { get; init; } = [];
    public IReadOnlyList<BolrCommitment> Commitments { get; init; } = [];
    public IReadOnlyList<InvestmentDecision> Investments { get; init; } = [];
}

public sealed record StockpileTarget(string Country, string Material, double Tonnes, double MonthsOfCover);

public sealed record TierChoice(string Country, string Material, string Tier, double Rate, double InducedTonnes);

public sealed record BolrCommitment(string Country, string Producer, double TonnesPerPeriod);

public sealed record InvestmentDecision(string Investment, bool Build, IReadOnlyList<CountryAmount> CostShares);

public sealed record CountryAmount(string Country, double Usd);

/// <summary>The recourse of one scenario. Per-period arrays have length H.</summary>
public sealed record ScenarioPath
{
    public string Scenario { get; init; } = "";
    public double Probability { get; init; }
    /// <summary>L_s: fiscal cost of all countries plus shortage damage, USD.</summary>
    public double CostUsd { get; init; }
    public double ShortageTonnes { get; init; }
    public IReadOnlyList<MaterialPath> Materials { get; init; } = [];
    public IReadOnlyList<ProducerPath> Producers { get; init; } = [];
    public IReadOnlyList<ImportPath> Imports { get; init; } = [];
    public IReadOnlyList<ShortagePath> Shortages { get; init; } = [];
    public IReadOnlyList<TransferPath> Transfers { get; init; } = [];
    public IReadOnlyList<CountryAmount> FiscalCost { get; init; } = [];
}

public sealed record MaterialPath(
    string Country,
    string Material,
    IReadOnlyList<double> Inventory,
    IReadOnlyList<double> Releases,
    IReadOnlyList<double> Purchases,
    IReadOnlyList<double> PrivateReleases);

public sealed record ImportPath(string Country, string Material, string Source, IReadOnlyList<double> Tonnes);

public sealed record ProducerPath(
    string Producer,
    IReadOnlyList<double> Capacity,
    IReadOnlyList<double> Output,
    IReadOnlyList<double> BolrResold,
    IReadOnlyList<double> BolrStocked);

public sealed record ShortagePath(string Country, string Material, string Sector, IReadOnlyList<double> Tonnes);

public sealed record TransferPath(string From, string To, string Material, IReadOnlyList<double> Tonnes);

public sealed record Kpis
{
    public double ExpectedCostUsd { get; init; }
    /// <summary>Expected cost split: acquisition, holding, replenishment, bolr, tax-credit, investment, shortage-damage.</summary>
    public IReadOnlyList<CostComponent> ExpectedCostByComponent { get; init; } = [];
    public double ExpectedShortageTonnes { get; init; }
    /// <summary>CVaR_α of the total shortage (tonnes) over scenarios.</summary>
    public double CvarShortageTonnes { get; init; }
    /// <summary>CVaR_α of the scenario cost L_s, USD.</summary>
    public double CvarCostUsd { get; init; }
    public IReadOnlyList<BudgetUse> BudgetUse { get; init; } = [];
}

public sealed record CostComponent(string Component, double Usd);

/// <summary>Largest and expected outlay over scenarios against the budget.</summary>
public sealed record BudgetUse(string Country, double BudgetUsd, double ExpectedOutlayUsd, double WorstOutlayUsd);

/// <summary>
/// Marginal values from the LP with integer decisions fixed: how much the objective falls
/// (USD) per extra USD of budget in a scenario, or per extra tonne of storage.
/// </summary>
public sealed record ShadowPrices
{
    public string Solver { get; init; } = "";
    public IReadOnlyList<BudgetShadow> Budgets { get; init; } = [];
    public IReadOnlyList<StorageShadow> Storage { get; init; } = [];
}

public sealed record BudgetShadow(string Country, string Scenario, double UsdPerUsd);

public sealed record StorageShadow(string Country, double UsdPerTonne);

public sealed record InfeasibilityDiagnosis
{
    public string Summary { get; init; } = "";
    /// <summary>Families whose relaxation restores feasibility (alone or together).</summary>
    public IReadOnlyList<string> ConflictingFamilies { get; init; } = [];
    /// <summary>Each relaxable family tried alone.</summary>
    public IReadOnlyList<FamilyRelaxation> Alone { get; init; } = [];
    /// <summary>The least-cost relaxation when every relaxable family may give (values in USD-equivalent weights).</summary>
    public IReadOnlyList<RowRelaxation> Combined { get; init; } = [];
}

public sealed record FamilyRelaxation(string Family, bool RestoresFeasibility, double TotalAmount, string Unit, IReadOnlyList<RowRelaxation> Rows);

public sealed record RowRelaxation(string Family, string Row, double Amount, string Unit);

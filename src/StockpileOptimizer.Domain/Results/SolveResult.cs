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
    /// <summary>Why each first-stage decision was taken (model v2); null when not asked for or no plan.</summary>
    public PlanExplanation? Explanation { get; init; }
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
    /// <summary>Objective E[cost] + λ·CVaR + <see cref="TieBreakUsd"/>, USD.</summary>
    public double Objective { get; init; }
    /// <summary>
    /// Of <see cref="Objective"/>, the tie-breaking penalty of model v2 (docs/model.md), USD; 0
    /// without tie-breaking. The plan's E[cost] + λ·CVaR is the objective less this.
    /// </summary>
    public double TieBreakUsd { get; init; }
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

/// <param name="Tonnes">Stock the plan adds (the decision x).</param>
/// <param name="MonthsOfCover">(existing + added) stock over the monthly demand of all sectors.</param>
public sealed record StockpileTarget(string Country, string Material, double Tonnes, double MonthsOfCover)
{
    /// <summary>Government holdings at t = 0 (model v2), on top of which <see cref="Tonnes"/> are added.</summary>
    public double ExistingTonnes { get; init; }
}

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
    /// <summary>Commercial trade between partners (model v2).</summary>
    public IReadOnlyList<TradePath> Trade { get; init; } = [];
    public IReadOnlyList<CountryAmount> FiscalCost { get; init; } = [];
}

public sealed record MaterialPath(
    string Country,
    string Material,
    IReadOnlyList<double> Inventory,
    IReadOnlyList<double> Releases,
    IReadOnlyList<double> Purchases,
    IReadOnlyList<double> PrivateReleases)
{
    /// <summary>Per period: whether the release rule lets stock be released (empty in results of older versions).</summary>
    public IReadOnlyList<bool> ReleaseAllowed { get; init; } = [];
    /// <summary>
    /// Per period: the most the release rule lets out, government and private stock together,
    /// tonnes — 0, the shortage rule's gap, or +∞ (no limit). Empty in results of older versions.
    /// </summary>
    public IReadOnlyList<double> ReleaseLimit { get; init; } = [];
}

public sealed record ImportPath(string Country, string Material, string Source, IReadOnlyList<double> Tonnes);

public sealed record ProducerPath(
    string Producer,
    IReadOnlyList<double> Capacity,
    IReadOnlyList<double> Output,
    IReadOnlyList<double> BolrResold,
    IReadOnlyList<double> BolrStocked);

public sealed record ShortagePath(string Country, string Material, string Sector, IReadOnlyList<double> Tonnes);

public sealed record TransferPath(string From, string To, string Material, IReadOnlyList<double> Tonnes);

/// <summary>Commercial trade on one link: tonnes and the duty rate in force, per period.</summary>
public sealed record TradePath(string From, string To, string Material, IReadOnlyList<double> Tonnes, IReadOnlyList<double> Tariff);

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
    /// <summary>Expected duty collected by each importing country on trade and transfers, USD (model v2).</summary>
    public IReadOnlyList<CountryAmount> ExpectedTariffRevenue { get; init; } = [];
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

/// <summary>
/// Why the plan is what it is (docs/model.md, "Why"): numbers a planner can quote for every
/// first-stage decision. Marginal values come from the LP with tiers and builds fixed.
/// </summary>
public sealed record PlanExplanation
{
    public IReadOnlyList<StockpileWhy> Stockpiles { get; init; } = [];
    public IReadOnlyList<TierWhy> Tiers { get; init; } = [];
    public IReadOnlyList<CommitmentWhy> Commitments { get; init; } = [];
    public IReadOnlyList<BuildWhy> Investments { get; init; } = [];
    /// <summary>(country, material) pairs with demand that are never short in any scenario, and why.</summary>
    public IReadOnlyList<NeverShort> NeverShort { get; init; } = [];
}

/// <param name="MarginalValueUsdPerTonne">
/// How much the objective would fall per extra tonne of stockpile forced in (minus the LP
/// reduced cost of x): 0 for a stockpile chosen freely above zero, negative where more stock
/// would cost more than it saves.
/// </param>
/// <param name="ExpectedReleasedTonnes">Σ_s π_s Σ_t releases.</param>
/// <param name="ExpectedShortageTonnes">Shortage of this material in this country that remains, Σ_s π_s Σ_t u.</param>
/// <param name="Releases">Each scenario in which stock is released, with the periods and tonnes.</param>
public sealed record StockpileWhy(
    string Country,
    string Material,
    double Tonnes,
    double MarginalValueUsdPerTonne,
    double ExpectedReleasedTonnes,
    double ExpectedShortageTonnes,
    IReadOnlyList<ReleaseWindow> Releases);

public sealed record ReleaseWindow(string Scenario, IReadOnlyList<string> Periods, double Tonnes);

/// <param name="Up">The next tier up, or null at the top.</param>
/// <param name="Down">The next tier down, or null at tier 0.</param>
public sealed record TierWhy(string Country, string Material, string Tier, double CostUsd, double InducedTonnes, TierStep? Up, TierStep? Down);

/// <param name="ExtraCostUsd">Tax-credit cost of that tier minus the chosen one's, USD over the horizon.</param>
/// <param name="ExtraInducedTonnes">Private stock it induces minus the chosen tier's.</param>
/// <param name="ObjectiveChangeUsd">Objective with that tier (LP re-solve, other integers fixed) minus the plan's; NaN if infeasible.</param>
public sealed record TierStep(string Tier, double ExtraCostUsd, double ExtraInducedTonnes, double ObjectiveChangeUsd);

/// <param name="ExpectedFloorPaymentsUsd">Σ_s π_s of the top-ups (or, for purchase contracts, the net cost of purchases).</param>
/// <param name="ExpectedFeeUsd">Standing fee over the horizon.</param>
/// <param name="CapacityKeptAlive">Scenarios with a price war in which the commitment keeps capacity open, with the periods and tonnes.</param>
public sealed record CommitmentWhy(
    string Country,
    string Producer,
    double TonnesPerPeriod,
    double ExpectedFloorPaymentsUsd,
    double ExpectedFeeUsd,
    IReadOnlyList<CapacityKept> CapacityKeptAlive);

public sealed record CapacityKept(string Scenario, IReadOnlyList<string> Periods, double TonnesPerPeriod);

/// <param name="ObjectiveIfFlippedUsd">Objective of a re-solve with this build decision flipped (everything else free); NaN when that is infeasible.</param>
/// <param name="ValueUsd">What building is worth: objective without the build minus with it (positive: the build pays).</param>
public sealed record BuildWhy(string Investment, bool Build, double ObjectiveIfFlippedUsd, double ValueUsd, string Termination);

/// <param name="Reason">imports, production, partners, stock or mixed, by the largest share of supply in the scenario of least import availability.</param>
public sealed record NeverShort(string Country, string Material, string Reason, string Detail);

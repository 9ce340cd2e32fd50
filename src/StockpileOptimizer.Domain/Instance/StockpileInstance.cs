namespace StockpileOptimizer.Domain;

/// <summary>
/// A complete problem: who, what, when, which futures, and the policy options. Money is in
/// US dollars, quantities in tonnes of contained product, time in periods (quarters by
/// default). See docs/model.md for the mathematics every field feeds.
/// </summary>
public sealed record StockpileInstance
{
    public string Name { get; init; } = "";
    public Horizon Horizon { get; init; } = new();
    public IReadOnlyList<Country> Countries { get; init; } = [];
    public IReadOnlyList<Material> Materials { get; init; } = [];
    public IReadOnlyList<Sector> Sectors { get; init; } = [];
    /// <summary>Demand per (country, material, sector): a per-period series of length H.</summary>
    public IReadOnlyList<Demand> Demands { get; init; } = [];
    public IReadOnlyList<ImportSource> ImportSources { get; init; } = [];
    /// <summary>Normal import capacity per (country, material, source).</summary>
    public IReadOnlyList<ImportLink> Imports { get; init; } = [];
    public IReadOnlyList<Producer> Producers { get; init; } = [];
    public IReadOnlyList<Investment> Investments { get; init; } = [];
    public IReadOnlyList<TaxCreditTier> Tiers { get; init; } = [];
    /// <summary>Private inventory each tier induces, per (country, material).</summary>
    public IReadOnlyList<PrivateStockResponse> PrivateStock { get; init; } = [];
    public IReadOnlyList<SharingLink> Sharing { get; init; } = [];
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [];
    public PolicyOptions Policy { get; init; } = new();
}

/// <summary>The planning horizon: H periods of <see cref="MonthsPerPeriod"/> months each.</summary>
public sealed record Horizon
{
    public int Periods { get; init; }
    public int MonthsPerPeriod { get; init; } = 3;
    /// <summary>Label of the first period, e.g. "2026Q1"; later labels are derived.</summary>
    public string Start { get; init; } = "";
}

public sealed record Country
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Fiscal budget for the whole horizon, USD, binding in every scenario.</summary>
    public double BudgetUsd { get; init; }
    /// <summary>Strategic-stockpile storage, tonnes of all materials together.</summary>
    public double StorageTonnes { get; init; }
}

public sealed record Material
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Material group (e.g. "light-ree", "heavy-ree", "other") used by scenario events.</summary>
    public string Group { get; init; } = "";
    /// <summary>Normal market price, USD per tonne; scenarios multiply it.</summary>
    public double PriceUsdPerTonne { get; init; }
    /// <summary>Price the government pays to build the initial stockpile, USD per tonne.</summary>
    public double AcquisitionUsdPerTonne { get; init; }
    /// <summary>Carrying cost of one tonne for one period (storage, insurance, capital), USD.</summary>
    public double HoldingUsdPerTonnePeriod { get; init; }
}

public sealed record Sector
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Counts towards coverage floors ("months of defence demand").</summary>
    public bool Defence { get; init; }
}

public sealed record Demand
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    public string Sector { get; init; } = "";
    /// <summary>Tonnes demanded in each period, length H.</summary>
    public IReadOnlyList<double> TonnesPerPeriod { get; init; } = [];
    /// <summary>Economic damage of one tonne left unmet, USD.</summary>
    public double DamageUsdPerTonne { get; init; }
}

public sealed record ImportSource
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
}

public sealed record ImportLink
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    public string Source { get; init; } = "";
    /// <summary>Tonnes per period the source supplies in normal times.</summary>
    public double TonnesPerPeriod { get; init; }
}

public sealed record Producer
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    /// <summary>Operable capacity at the start of the horizon, tonnes per period.</summary>
    public double CapacityTonnesPerPeriod { get; init; }
    /// <summary>How much operable capacity can grow in one period, tonnes per period.</summary>
    public double RampTonnesPerPeriod { get; init; }
    /// <summary>Unit cost; when the market price falls below it the producer closes unless backed.</summary>
    public double UnitCostUsdPerTonne { get; init; }
    /// <summary>Price the government pays under a buyer-of-last-resort contract, USD per tonne.</summary>
    public double FloorPriceUsdPerTonne { get; init; }
    /// <summary>Largest offtake commitment the producer would sign, tonnes per period.</summary>
    public double MaxCommitmentTonnesPerPeriod { get; init; }
    /// <summary>
    /// Standing fee of the BoLR contract, USD per committed tonne per period, paid whether or
    /// not output is bought (administration, standby). It makes the committed volume what the
    /// plan actually needs rather than an arbitrary free option.
    /// </summary>
    public double CommitmentFeeUsdPerTonnePeriod { get; init; }
}

public sealed record Investment
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The producer whose capacity it adds to.</summary>
    public string Producer { get; init; } = "";
    public double AddedCapacityTonnesPerPeriod { get; init; }
    /// <summary>Periods after the decision before the capacity is there.</summary>
    public int LeadTimePeriods { get; init; }
    public double CapexUsd { get; init; }
    /// <summary>Countries that may pay a share (JOINT mode), with share bounds. Empty: the producer's country alone.</summary>
    public IReadOnlyList<CostShare> Partners { get; init; } = [];
}

public sealed record CostShare
{
    public string Country { get; init; } = "";
    public double MinShare { get; init; }
    public double MaxShare { get; init; } = 1;
}

public sealed record TaxCreditTier
{
    public string Id { get; init; } = "";
    /// <summary>Share of the holder's carrying cost the credit pays, fraction 0–1; tier 0 pays 0.</summary>
    public double Rate { get; init; }
}

public sealed record PrivateStockResponse
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    /// <summary>Tonnes of private inventory induced by each tier, in the order of <see cref="StockpileInstance.Tiers"/>.</summary>
    public IReadOnlyList<double> TonnesByTier { get; init; } = [];
}

public sealed record SharingLink
{
    public string CountryA { get; init; } = "";
    public string CountryB { get; init; } = "";
    public string Material { get; init; } = "";
    /// <summary>Most that may move in each direction in one period, tonnes.</summary>
    public double TonnesPerPeriod { get; init; }
}

public sealed record Scenario
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public double Probability { get; init; }
    /// <summary>Multiplies every demand series (demand growth or contraction).</summary>
    public double DemandScale { get; init; } = 1;
    public IReadOnlyList<SupplyEvent> Events { get; init; } = [];
}

/// <summary>
/// A supply event over periods [FromPeriod, ToPeriod] (1-based, inclusive) on the materials
/// it names (or every material of its groups): imports from <see cref="Source"/> are
/// throttled to <see cref="Availability"/> of normal and prices multiply by
/// <see cref="PriceMultiplier"/>. A price war is an event with availability 1 and a
/// multiplier below 1.
/// </summary>
public sealed record SupplyEvent
{
    public string Kind { get; init; } = "halt";
    public string Source { get; init; } = "";
    public IReadOnlyList<string> Materials { get; init; } = [];
    public IReadOnlyList<string> Groups { get; init; } = [];
    public int FromPeriod { get; init; }
    public int ToPeriod { get; init; }
    public double Availability { get; init; } = 1;
    public double PriceMultiplier { get; init; } = 1;
}

public enum CooperationMode
{
    /// <summary>Transfers under the sharing agreement, joint investments with cost shares, one CVaR over the joint loss.</summary>
    Joint,
    /// <summary>No transfers, each investment paid by its host alone, each country's own CVaR: the sum of stand-alone plans.</summary>
    Independent,
}

public sealed record PolicyOptions
{
    public CooperationMode Mode { get; init; } = CooperationMode.Joint;
    /// <summary>λ ≥ 0, weight of CVaR in the objective; 0 is risk-neutral.</summary>
    public double RiskWeight { get; init; }
    /// <summary>α in (0,1): CVaR is the mean of the worst 1−α of outcomes.</summary>
    public double CvarAlpha { get; init; } = 0.9;
    /// <summary>θ in [0,1]: end-of-horizon inventory must be at least θ·x. 0 turns it off.</summary>
    public double RefillFraction { get; init; }
    public IReadOnlyList<CoverageFloor> CoverageFloors { get; init; } = [];
}

/// <summary>Policy floor: stockpile ≥ Months × monthly demand of the defence sectors.</summary>
public sealed record CoverageFloor
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    public double Months { get; init; }
}

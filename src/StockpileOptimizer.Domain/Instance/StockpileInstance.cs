namespace StockpileOptimizer.Domain;

/// <summary>
/// A complete problem: who, what, when, which futures, and the policy options. Money is in
/// US dollars, quantities in tonnes of contained product, time in periods (quarters by
/// default). See docs/model.md for the mathematics every field feeds.
/// </summary>
public sealed record StockpileInstance
{
    /// <summary>
    /// Format of the file: 1 (absent in v1 files) keeps model v1's economics (releases only in
    /// an emergency, no release revenue or terminal value, fiscal cost view, BoLR paid on
    /// purchases, no tie-breaking); 2 is model v2 (docs/model.md, "Versions").
    /// </summary>
    public int FormatVersion { get; init; } = 1;
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
    /// <summary>Commercial cross-border trade links between partners (model v2), distinct from stockpile sharing.</summary>
    public IReadOnlyList<TradeLink> Trade { get; init; } = [];
    /// <summary>Government and private inventories that exist at t = 0, per (country, material) (model v2).</summary>
    public IReadOnlyList<Holding> Holdings { get; init; } = [];
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
    /// Commitment already signed (model v2), tonnes per period: the plan's commitment q is at
    /// least this (e.g. the DoD's July 2025 price floor with MP Materials). At most
    /// <see cref="MaxCommitmentTonnesPerPeriod"/>.
    /// </summary>
    public double SignedCommitmentTonnesPerPeriod { get; init; }
    /// <summary>
    /// Standing fee of the BoLR contract, USD per committed tonne per period, paid whether or
    /// not output is bought (administration, standby). It makes the committed volume what the
    /// plan actually needs rather than an arbitrary free option.
    /// </summary>
    public double CommitmentFeeUsdPerTonnePeriod { get; init; }
    /// <summary>
    /// Recipe (model v2): tonnes of each input material drawn from the producer's country per
    /// tonne of output. Empty: output needs no modelled input (a mine, or recycling of scrap).
    /// An investment adds capacity to its producer and so runs the producer's recipe.
    /// </summary>
    public IReadOnlyList<RecipeInput> Inputs { get; init; } = [];
}

/// <summary>One input of a recipe: tonnes of <see cref="Material"/> per tonne of output.</summary>
public sealed record RecipeInput
{
    public string Material { get; init; } = "";
    public double TonnesPerTonne { get; init; }
}

/// <summary>Inventories that exist at the start of the horizon (model v2).</summary>
public sealed record Holding
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    /// <summary>Government strategic stock at t = 0, tonnes; the decision x is the stock added on top.</summary>
    public double GovernmentTonnes { get; init; }
    /// <summary>Firms' stock at t = 0 that they release in a crisis under the release rule, tonnes.</summary>
    public double PrivateTonnes { get; init; }
}

/// <summary>
/// Commercial trade from one partner to another (model v2): at most
/// <see cref="TonnesPerPeriod"/> a period, bought by the importing country's users at the
/// market price plus <see cref="Tariff"/> (a fraction of the price, the duty), which a
/// scenario's tariff events may change.
/// </summary>
public sealed record TradeLink
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string Material { get; init; } = "";
    public double TonnesPerPeriod { get; init; }
    /// <summary>Ad-valorem duty the importing country levies, fraction of the price (0.25 = 25 %).</summary>
    public double Tariff { get; init; }
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
    /// <summary>
    /// Model v2: stockpile transfers are exempt from tariffs by agreement (default). When
    /// false they pay the duty of the trade link in the same direction, if any.
    /// </summary>
    public bool TariffExempt { get; init; } = true;
}

public sealed record Scenario
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public double Probability { get; init; }
    /// <summary>Multiplies every demand series (demand growth or contraction).</summary>
    public double DemandScale { get; init; } = 1;
    public IReadOnlyList<SupplyEvent> Events { get; init; } = [];
    /// <summary>Tariff changes on trade links in this scenario (model v2).</summary>
    public IReadOnlyList<TariffEvent> TariffEvents { get; init; } = [];
}

/// <summary>
/// Over periods [FromPeriod, ToPeriod] (1-based, inclusive) the duty on trade from
/// <see cref="From"/> to <see cref="To"/> in the materials named (or every material of its
/// groups; both empty: every material) is <see cref="Tariff"/>: 0 is "resolved". Where events
/// overlap, the later one in the list wins.
/// </summary>
public sealed record TariffEvent
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public IReadOnlyList<string> Materials { get; init; } = [];
    public IReadOnlyList<string> Groups { get; init; } = [];
    public int FromPeriod { get; init; }
    public int ToPeriod { get; init; }
    public double Tariff { get; init; }
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

    // Model v2 economics. Null takes the default of the instance's format version
    // (PolicyDefaults): v1 keeps v1's meaning, v2 the defaults in brackets.

    /// <summary>When stock may be released [shortage]; v1: emergency.</summary>
    public ReleaseRule? ReleaseRule { get; init; }
    /// <summary>Released stock is sold at the scenario price times this fraction, in [0,1] [1]; v1: 0 (no revenue).</summary>
    public double? ReleasePriceFraction { get; init; }
    /// <summary>Stock left at the horizon end is worth this fraction of the normal price, in [0,1] [0.9]; v1: 0.</summary>
    public double? TerminalValueFraction { get; init; }
    /// <summary>What the loss counts [economy]; v1: fiscal.</summary>
    public CostView? CostView { get; init; }
    /// <summary>How a buyer-of-last-resort contract pays [top-up]; v1: purchase.</summary>
    public BolrContract? BolrContract { get; init; }
    /// <summary>Prefer, among equally cheap plans, the one a planner would sign [true]; v1: false.</summary>
    public bool? TieBreaking { get; init; }
}

/// <summary>When government and tax-credit-induced private stock may be released.</summary>
public enum ReleaseRule
{
    /// <summary>Only where an import source of the material is throttled (v1).</summary>
    Emergency,
    /// <summary>Wherever demand could otherwise go unmet: an emergency on the material or on an input of its producers, or demand above the supply the scenario guarantees.</summary>
    Shortage,
    /// <summary>Any period (rotation), earning the release revenue.</summary>
    Market,
}

/// <summary>Which costs the loss counts.</summary>
public enum CostView
{
    /// <summary>The governments' outlay and shortage damage.</summary>
    Fiscal,
    /// <summary>Also users' outlay above the normal price and the duties they pay.</summary>
    Economy,
}

/// <summary>How a buyer-of-last-resort (BoLR) price-floor contract pays.</summary>
public enum BolrContract
{
    /// <summary>v1: the government may buy output at the floor; it pays only on what it buys.</summary>
    Purchase,
    /// <summary>v2: take-or-pay top-up: (floor − price)⁺ on the committed tonnes in every period.</summary>
    TopUp,
}

/// <summary>Whose demand a coverage floor counts.</summary>
public enum CoverageBasis
{
    /// <summary>The defence sectors' demand (v1).</summary>
    Defence,
    /// <summary>All domestic consumption (JOGMEC's 60 days).</summary>
    All,
}

/// <summary>
/// Policy floor: government stock (holdings plus the stock added) ≥ <see cref="Months"/>
/// (or <see cref="Days"/>, 30 days a month) × monthly demand of <see cref="Basis"/>.
/// </summary>
public sealed record CoverageFloor
{
    public string Country { get; init; } = "";
    public string Material { get; init; } = "";
    /// <summary>Months of demand; 0 when <see cref="Days"/> is set (giving both is refused).</summary>
    public double Months { get; init; }
    /// <summary>Days of demand (30 days a month); null: use <see cref="Months"/>.</summary>
    public double? Days { get; init; }
    public CoverageBasis Basis { get; init; } = CoverageBasis.Defence;

    /// <summary>The floor in months: Days / 30 when days are given.</summary>
    public double MonthsOfDemand() => Days is { } days ? days / 30 : Months;
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

/// <summary>
/// Tiny hand instances, one per constraint family, each built so that its family binds at the
/// optimum. Unless a builder says otherwise: one country "A", one material "m" (price 10,
/// acquisition 10, holding 2 per period), 3 months per period, budgets 1e6 and storage 1e6
/// (not binding), a single tier "0" (rate 0), risk-neutral JOINT policy. The hand-derived
/// optima are in <c>FamilyTests.*.cs</c>, above each assertion.
/// </summary>
internal static class FamilyInstances
{
    public const double LargeBudget = 1e6;
    public const double LargeStorage = 1e6;

    public static Material Material(double price = 10, double acquisition = 10, double holding = 2) => new()
    {
        Id = "m", Group = "g", PriceUsdPerTonne = price, AcquisitionUsdPerTonne = acquisition, HoldingUsdPerTonnePeriod = holding,
    };

    public static Country Country(string id = "A", double budget = LargeBudget, double storage = LargeStorage) =>
        new() { Id = id, BudgetUsd = budget, StorageTonnes = storage };

    public static Demand Demand(string sector, double damage, params double[] tonnesPerPeriod) => Demand("A", sector, damage, tonnesPerPeriod);

    public static Demand Demand(string country, string sector, double damage, params double[] tonnesPerPeriod) => new()
    {
        Country = country, Material = "m", Sector = sector, TonnesPerPeriod = tonnesPerPeriod, DamageUsdPerTonne = damage,
    };

    public static ImportLink Import(string source, double tonnesPerPeriod, string country = "A") =>
        new() { Country = country, Material = "m", Source = source, TonnesPerPeriod = tonnesPerPeriod };

    /// <summary>Imports from <paramref name="source"/> at <paramref name="availability"/> of normal over [from, to], price × multiplier.</summary>
    public static SupplyEvent Halt(string source, int from, int to, double availability, double priceMultiplier = 1) => new()
    {
        Kind = "halt", Source = source, Materials = ["m"], FromPeriod = from, ToPeriod = to,
        Availability = availability, PriceMultiplier = priceMultiplier,
    };

    /// <summary>A price-only event: no source throttled, price × multiplier over [from, to].</summary>
    public static SupplyEvent PriceOnly(int from, int to, double priceMultiplier, string kind = "price-war") => new()
    {
        Kind = kind, Materials = ["m"], FromPeriod = from, ToPeriod = to, PriceMultiplier = priceMultiplier,
    };

    public static Scenario Scenario(string id, double probability, params SupplyEvent[] events) =>
        new() { Id = id, Probability = probability, Events = events };

    private static StockpileInstance Base(string name, int periods) => new()
    {
        Name = name,
        Horizon = new Horizon { Periods = periods, MonthsPerPeriod = 3 },
        Countries = [Country()],
        Materials = [Material()],
        Tiers = HandInstances.NoCreditTier,
    };

    /// <summary>
    /// balance: H = 1, sectors "def" (50 t, damage 100) and "civ" (50 t, damage 10), imports
    /// "x" 100 t; "halt" (π = 0.5) leaves 40 % of them.
    /// </summary>
    public static StockpileInstance TwoSectors() => Base("two-sectors", 1) with
    {
        Sectors = [new Sector { Id = "def", Defence = true }, new Sector { Id = "civ" }],
        Demands = [Demand("def", 100, 50), Demand("civ", 10, 50)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 100)],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("x", 1, 1, 0.4))],
    };

    /// <summary>
    /// inventory and refill: H = 2, demand 100 t per period (damage 100), imports "x" up to
    /// 200 t per period (room to rebuy); "halt" (π = 0.5) leaves 30 % of them in period 1 and
    /// lifts the price to 15 (× 1.5) in period 2, when imports are back in full.
    /// </summary>
    public static StockpileInstance Refill(double theta) => Base("refill", 2) with
    {
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [Demand("k", 100, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 200)],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("x", 1, 1, 0.3), PriceOnly(2, 2, 1.5, "price-spike"))],
        Policy = new PolicyOptions { RefillFraction = theta },
    };

    /// <summary>
    /// ramp: one deterministic scenario, H = 4, demand 100 t per period (damage 50), no imports,
    /// a stockpile too dear to use (acquisition 1000). Producer "p": capacity 20, ramp 10;
    /// investment "g" adds 60 after a lead time of 1 period for <paramref name="capex"/>.
    /// </summary>
    public static StockpileInstance Ramp(double capex) => Base("ramp", 4) with
    {
        Materials = [Material(acquisition: 1000)],
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("k", 50, 100, 100, 100, 100)],
        Producers =
        [
            new Producer
            {
                Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 20, RampTonnesPerPeriod = 10,
                UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 6,
            },
        ],
        Investments = [new Investment { Id = "g", Producer = "p", AddedCapacityTonnesPerPeriod = 60, LeadTimePeriods = 1, CapexUsd = capex }],
        Scenarios = [Scenario("base", 1)],
    };

    /// <summary>
    /// price-war survival: one scenario "war-halt" (π = 1), H = 2, demand 100 t per period
    /// (damage 100), imports "x" 100 t, a stockpile too dear to use (acquisition 1000).
    /// Producer "p": capacity 50, ramp 10, unit cost 8, floor 9, commitment up to
    /// <paramref name="maxCommitment"/>. Period 1: price war, price 10 × 0.5 = 5 &lt; 8;
    /// period 2: imports halted (availability 0), price 10 × 2 = 20.
    /// </summary>
    public static StockpileInstance PriceWarThenHalt(double maxCommitment) => Base("price-war", 2) with
    {
        Materials = [Material(acquisition: 1000)],
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("k", 100, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 100)],
        Producers =
        [
            new Producer
            {
                Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 50, RampTonnesPerPeriod = 10,
                UnitCostUsdPerTonne = 8, FloorPriceUsdPerTonne = 9, MaxCommitmentTonnesPerPeriod = maxCommitment,
            },
        ],
        Scenarios = [Scenario("war-halt", 1, PriceOnly(1, 1, 0.5), Halt("x", 2, 2, 0, 2))],
    };

    /// <summary>
    /// private stock: H = 2, demand 100 t per period (damage <paramref name="damage"/>), imports
    /// "x" 100 t; "halt" (π = 0.5) leaves 40 % in period 1 only (shortfall 60 t). Holding 20 per
    /// tonne-period makes the government stockpile dear (acquisition 10 + holding 20 = 30 a tonne).
    /// Tiers "0", "10", "30" (rates 0, 0.1, 0.3) induce 0, 30, 60 t of private stock.
    /// </summary>
    public static StockpileInstance PrivateStock(double damage) => Base("private-stock", 2) with
    {
        Materials = [Material(holding: 20)],
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("k", damage, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 100)],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }, new TaxCreditTier { Id = "10", Rate = 0.1 }, new TaxCreditTier { Id = "30", Rate = 0.3 }],
        PrivateStock = [new PrivateStockResponse { Country = "A", Material = "m", TonnesByTier = [0, 30, 60] }],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("x", 1, 1, 0.4))],
    };

    /// <summary>
    /// imports: H = 1, demand 100 t (damage 30), imports from "cn" (80 t) and "ally" (50 t);
    /// "halt" (π = 0.5) throttles "cn" alone to 25 %.
    /// </summary>
    public static StockpileInstance TwoSources() => Base("two-sources", 1) with
    {
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("k", 30, 100)],
        ImportSources = [new ImportSource { Id = "cn" }, new ImportSource { Id = "ally" }],
        Imports = [Import("cn", 80), Import("ally", 50)],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("cn", 1, 1, 0.25))],
    };

    /// <summary>
    /// sharing: H = 1, countries "A" and "B", each demanding 100 t (damage 20). "A" imports from
    /// "ally" (up to 200 t, never throttled), "B" from "cn" (100 t), which "halt" (π = 0.5)
    /// stops entirely. A sharing link A–B carries up to 40 t a period each way.
    /// </summary>
    public static StockpileInstance Sharing(CooperationMode mode) => Base("sharing", 1) with
    {
        Countries = [Country("A"), Country("B")],
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("A", "k", 20, 100), Demand("B", "k", 20, 100)],
        ImportSources = [new ImportSource { Id = "ally" }, new ImportSource { Id = "cn" }],
        Imports = [Import("ally", 200, "A"), Import("cn", 100, "B")],
        Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 40 }],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("cn", 1, 1, 0))],
        Policy = new PolicyOptions { Mode = mode },
    };

    /// <summary>
    /// budget: as <see cref="Refill"/> with θ = 1 but without the period-2 price rise, imports
    /// left at 20 % in the period-1 halt (shortfall 60 t), and a budget of
    /// <paramref name="budget"/> USD (small, so money is not scaled).
    /// </summary>
    public static StockpileInstance Budget(double budget) => Base("budget", 2) with
    {
        Countries = [Country(budget: budget)],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [Demand("k", 100, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 200)],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("x", 1, 1, 0.2))],
        Policy = new PolicyOptions { RefillFraction = 1 },
    };

    /// <summary>
    /// coverage: H = 1, defence sector "def" (60 t, damage 20) and civil "civ" (40 t, damage 10),
    /// imports "x" 100 t; "halt" (π = 0.5) leaves 40 %. A floor of <paramref name="months"/>
    /// months of defence demand (60 t per 3-month period = 20 t a month).
    /// </summary>
    public static StockpileInstance Coverage(double months) => Base("coverage", 1) with
    {
        Sectors = [new Sector { Id = "def", Defence = true }, new Sector { Id = "civ" }],
        Demands = [Demand("def", 20, 60), Demand("civ", 10, 40)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("x", 100)],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("x", 1, 1, 0.4))],
        Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = months }] },
    };

    /// <summary>
    /// investment with cost shares: H = 1, countries "A" (budget <paramref name="budgetA"/>) and
    /// "B" (budget 1e6); "A" demands 100 t (damage 50) with no imports and a stockpile too dear to
    /// use (acquisition 100). Producer "p" in "A" has no capacity; investment "g" adds 100 t with
    /// no lead time for 1000 USD, shared A ∈ [30 %, 70 %], B ∈ [20 %, 60 %].
    /// </summary>
    public static StockpileInstance SharedInvestment(CooperationMode mode, double budgetA) => Base("shared-investment", 1) with
    {
        Countries = [Country("A", budget: budgetA), Country("B")],
        Materials = [Material(acquisition: 100)],
        Sectors = [new Sector { Id = "k" }],
        Demands = [Demand("A", "k", 50, 100)],
        Producers =
        [
            new Producer
            {
                Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 0, RampTonnesPerPeriod = 100,
                UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 6,
            },
        ],
        Investments =
        [
            new Investment
            {
                Id = "g", Producer = "p", AddedCapacityTonnesPerPeriod = 100, LeadTimePeriods = 0, CapexUsd = 1000,
                Partners =
                [
                    new CostShare { Country = "A", MinShare = 0.3, MaxShare = 0.7 },
                    new CostShare { Country = "B", MinShare = 0.2, MaxShare = 0.6 },
                ],
            },
        ],
        Scenarios = [Scenario("base", 1)],
        Policy = new PolicyOptions { Mode = mode },
    };
}

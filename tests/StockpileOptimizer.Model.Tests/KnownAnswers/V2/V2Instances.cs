using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>
/// Building blocks of the model v2 hand instances (formatVersion 2). Every instance sets its
/// economics explicitly through <see cref="Plain"/>: unless a test turns an option on, releases
/// follow the shortage rule and earn nothing, end stock is worth nothing, the view is fiscal,
/// floor contracts are take-or-pay top-ups and there is no tie-breaking penalty — so each
/// derivation counts only the option it is about. Budgets 1e6 and storage 1e6 do not bind.
/// </summary>
internal static class V2Instances
{
    public const double LargeBudget = 1e6;
    public const double LargeStorage = 1e6;

    /// <summary>The economics of a derivation, every v2 option explicit.</summary>
    public static PolicyOptions Plain(
        ReleaseRule rule = ReleaseRule.Shortage, double releaseFraction = 0, double terminalFraction = 0,
        CostView view = CostView.Fiscal, bool tieBreaking = false) => new()
    {
        ReleaseRule = rule,
        ReleasePriceFraction = releaseFraction,
        TerminalValueFraction = terminalFraction,
        CostView = view,
        BolrContract = BolrContract.TopUp,
        TieBreaking = tieBreaking,
    };

    public static Material Material(string id = "m", double price = 10, double acquisition = 10, double holding = 2) => new()
    {
        Id = id, Group = "g", PriceUsdPerTonne = price, AcquisitionUsdPerTonne = acquisition, HoldingUsdPerTonnePeriod = holding,
    };

    public static Country Country(string id = "A", double budget = LargeBudget, double storage = LargeStorage) =>
        new() { Id = id, BudgetUsd = budget, StorageTonnes = storage };

    public static Demand Demand(string country, string material, string sector, double damage, params double[] tonnesPerPeriod) => new()
    {
        Country = country, Material = material, Sector = sector, TonnesPerPeriod = tonnesPerPeriod, DamageUsdPerTonne = damage,
    };

    public static ImportLink Import(string country, string material, string source, double tonnesPerPeriod) =>
        new() { Country = country, Material = material, Source = source, TonnesPerPeriod = tonnesPerPeriod };

    /// <summary>Imports of <paramref name="material"/> from <paramref name="source"/> at <paramref name="availability"/> over [from, to].</summary>
    public static SupplyEvent Halt(string source, string material, int from, int to, double availability, double priceMultiplier = 1) => new()
    {
        Kind = "halt", Source = source, Materials = [material], FromPeriod = from, ToPeriod = to,
        Availability = availability, PriceMultiplier = priceMultiplier,
    };

    /// <summary>No source throttled; the price of <paramref name="material"/> × <paramref name="multiplier"/> over [from, to].</summary>
    public static SupplyEvent Price(string material, int from, int to, double multiplier, string kind = "price-spike") => new()
    {
        Kind = kind, Materials = [material], FromPeriod = from, ToPeriod = to, PriceMultiplier = multiplier,
    };

    public static Scenario Scenario(string id, double probability, params SupplyEvent[] events) =>
        new() { Id = id, Probability = probability, Events = events };

    /// <summary>An empty formatVersion 2 instance with <paramref name="periods"/> quarters, country "A", <see cref="Plain"/> economics.</summary>
    public static StockpileInstance Base(string name, int periods) => new()
    {
        FormatVersion = 2,
        Name = name,
        Horizon = new Horizon { Periods = periods, MonthsPerPeriod = 3 },
        Countries = [Country()],
        Materials = [Material()],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Tiers = HandInstances.NoCreditTier,
        Policy = Plain(),
    };

    /// <summary>
    /// The one-period newsvendor of <see cref="HandInstances.Newsvendor"/> as formatVersion 2 with
    /// <see cref="Plain"/> economics: demand 100 t ("k", defence), imports "x" 100 t, price,
    /// acquisition 10, holding 2; "halt" (π = 0.5) leaves 40 % (shortfall 60 t), "calm" nothing.
    /// </summary>
    public static StockpileInstance Newsvendor(double damage, double budget = LargeBudget, double storage = LargeStorage) =>
        HandInstances.Newsvendor(damage, budget: budget, storage: storage) with { FormatVersion = 2, Policy = Plain() };

    /// <summary>
    /// The newsvendor with the halt certain: one scenario "halt" (π = 1) leaving 40 of 100 t.
    /// </summary>
    public static StockpileInstance CertainHalt(double damage, double budget) => Newsvendor(damage, budget) with
    {
        Scenarios = [Scenario("halt", 1, Halt("x", "m", 1, 1, 0.4))],
    };

    /// <summary>Holdings at t = 0 of material "m" in country "A".</summary>
    public static StockpileInstance WithHoldings(this StockpileInstance instance, double government, double @private = 0) => instance with
    {
        Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = government, PrivateTonnes = @private }],
    };

    public static StockpileInstance WithEconomics(this StockpileInstance instance, PolicyOptions economics) => instance with
    {
        Policy = instance.Policy with
        {
            ReleaseRule = economics.ReleaseRule,
            ReleasePriceFraction = economics.ReleasePriceFraction,
            TerminalValueFraction = economics.TerminalValueFraction,
            CostView = economics.CostView,
            BolrContract = economics.BolrContract,
            TieBreaking = economics.TieBreaking,
        },
    };
}

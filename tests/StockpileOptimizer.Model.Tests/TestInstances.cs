using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests;

/// <summary>Tiny hand instances. Money is in small round numbers so optima can be derived by hand.</summary>
internal static class TestInstances
{
    public static readonly TaxCreditTier[] NoCreditTier = [new() { Id = "0", Rate = 0 }];

    /// <summary>
    /// One country "A", one material "m" (acquisition 10, holding 2 per period, price 10),
    /// one sector "k" demanding <paramref name="demand"/> per period with <paramref name="damage"/>
    /// per tonne unmet; imports from "x" cover demand in normal times; scenario "halt"
    /// (probability <paramref name="haltProbability"/>) throttles them to
    /// <paramref name="haltAvailability"/> in every period; "calm" has no event.
    /// </summary>
    public static StockpileInstance Newsvendor(
        double damage, double haltProbability = 0.5, double haltAvailability = 0.4, double demand = 100,
        int periods = 1, double budget = 1e6, double storage = 1e6) => new()
    {
        Name = "newsvendor",
        Horizon = new Horizon { Periods = periods, MonthsPerPeriod = 3 },
        Countries = [new Country { Id = "A", BudgetUsd = budget, StorageTonnes = storage }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = Enumerable.Repeat(demand, periods).ToArray(), DamageUsdPerTonne = damage }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = demand }],
        Tiers = NoCreditTier,
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 1 - haltProbability },
            new Scenario
            {
                Id = "halt", Probability = haltProbability,
                Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = periods, Availability = haltAvailability }],
            },
        ],
    };

    public static StockpileInstance WithPolicy(this StockpileInstance instance, Func<PolicyOptions, PolicyOptions> change) =>
        instance with { Policy = change(instance.Policy) };
}

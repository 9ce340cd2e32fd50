using StockpileOptimizer.Domain;

namespace StockpileOptimizer.TestData;

/// <summary>
/// Tiny instances whose answers are known by hand (docs/analyses.md, "Known answers"). Money is
/// in small round numbers so that optima can be derived by hand.
/// </summary>
public static class HandInstances
{
    /// <summary>Stockpile of the default newsvendor's optimum (damage 30), tonnes.</summary>
    public const double NewsvendorStock = 60;

    /// <summary>Objective of the default newsvendor's optimum (damage 30), USD.</summary>
    public const double NewsvendorObjective = 720;

    /// <summary>The single tax-credit tier "0" at rate 0.</summary>
    public static readonly TaxCreditTier[] NoCreditTier = [new() { Id = "0", Rate = 0 }];

    /// <summary>
    /// The newsvendor: one country "A", one material "m" (group "g"; acquisition 10, holding 2 per
    /// period, price 10), one defence sector "k" demanding <paramref name="demand"/> per period
    /// with <paramref name="damage"/> per tonne unmet; imports from "x" cover demand in normal
    /// times; scenario "halt" (probability <paramref name="haltProbability"/>) throttles them to
    /// <paramref name="haltAvailability"/> in every period; "calm" has no event. Quarterly periods.
    /// With the defaults (one period, damage 30): a tonne stocked costs 12 and saves 0.5·30 = 15,
    /// so the optimum stocks the 60 t the halt lacks: 720 = 600 + 120, no shortage.
    /// </summary>
    public static StockpileInstance Newsvendor(
        double damage = 30, double haltProbability = 0.5, double haltAvailability = 0.4, double demand = 100,
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
            new Scenario { Id = "halt", Probability = haltProbability, Events = [Halt("x", periods, haltAvailability)] },
        ],
    };

    /// <summary>
    /// Two mirror-image newsvendors A and B (damage 30) with their own sources xA, xB; a halt hits
    /// one at a time (calm 0.5, haltA 0.25, haltB 0.25) and they may share 60 t. Alone each stocks
    /// nothing (0.25·30 &lt; 12): 450 each. Together a pool of 60 t serves whichever is hit
    /// (0.5·30 &gt; 12): 720. Saving 180, split 90/90.
    /// </summary>
    public static StockpileInstance Twins() => Newsvendors("twins", ["A", "B"], [
        new Scenario { Id = "calm", Probability = 0.5 },
        new Scenario { Id = "haltA", Probability = 0.25, Events = [Halt("xA")] },
        new Scenario { Id = "haltB", Probability = 0.25, Events = [Halt("xB")] },
    ]);

    /// <summary>A sampling distribution for the newsvendor: its supplier x halts group g with probability ½ (the rest: defaults).</summary>
    public static ScenarioDistribution NewsvendorDistribution() => new()
    {
        Supplier = "x",
        Halts = [new GroupHaltDistribution { Group = "g", Probability = 0.5 }],
    };

    /// <summary>
    /// One damage-30 newsvendor per id, each importing from its own source "x" + id, every pair
    /// linked by a 60 t sharing agreement, under <paramref name="scenarios"/>.
    /// </summary>
    public static StockpileInstance Newsvendors(string name, string[] ids, Scenario[] scenarios)
    {
        var one = Newsvendor();
        return one with
        {
            Name = name,
            Countries = ids.Select(c => one.Countries[0] with { Id = c }).ToArray(),
            Demands = ids.Select(c => one.Demands[0] with { Country = c }).ToArray(),
            ImportSources = ids.Select(c => new ImportSource { Id = "x" + c }).ToArray(),
            Imports = ids.Select(c => one.Imports[0] with { Country = c, Source = "x" + c }).ToArray(),
            Sharing = ids.SelectMany((a, i) => ids.Skip(i + 1).Select(b => new SharingLink { CountryA = a, CountryB = b, Material = "m", TonnesPerPeriod = 60 })).ToArray(),
            Scenarios = scenarios,
        };
    }

    /// <summary>Imports of "m" from <paramref name="source"/> throttled to <paramref name="availability"/> in periods 1..<paramref name="toPeriod"/>.</summary>
    public static SupplyEvent Halt(string source, int toPeriod = 1, double availability = 0.4) =>
        new() { Source = source, Materials = ["m"], FromPeriod = 1, ToPeriod = toPeriod, Availability = availability };

    /// <summary>Replaces the instance's policy with <paramref name="change"/> applied to it.</summary>
    public static StockpileInstance WithPolicy(this StockpileInstance instance, Func<PolicyOptions, PolicyOptions> change) =>
        instance with { Policy = change(instance.Policy) };
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>Tiny instances whose answers are known by hand (docs/analyses.md, "Known answers").</summary>
internal static class TestInstances
{
    /// <summary>
    /// One country A, one material m, demand 100 a period, imports from x cover it; a tonne
    /// stocked costs 12 (acquisition 10 + holding 2); the halt (π = 0.5) leaves 40 % of imports,
    /// 60 t short. With damage 30 > 12/0.5 the optimum stocks 60 t: 720 = 600 + 120, no shortage.
    /// </summary>
    public static StockpileInstance Newsvendor(double damage, double budget = 1e6) => new()
    {
        Name = "newsvendor",
        Horizon = new Horizon { Periods = 1 },
        Countries = [new Country { Id = "A", BudgetUsd = budget, StorageTonnes = 1e6 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [100], DamageUsdPerTonne = damage }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 }],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5 },
            new Scenario { Id = "halt", Probability = 0.5, Events = [Halt("x")] },
        ],
    };

    /// <summary>
    /// Two mirror-image newsvendors A and B (damage 30) with their own sources xA, xB; a halt hits
    /// one at a time (calm 0.5, haltA 0.25, haltB 0.25) and they may share 60 t. Alone each stocks
    /// nothing (0.25·30 &lt; 12): 450 each. Together a pool of 60 t serves whichever is hit
    /// (0.5·30 &gt; 12): 720. Saving 180, split 90/90.
    /// </summary>
    public static StockpileInstance Twins()
    {
        var one = Newsvendor(damage: 30);
        string[] ids = ["A", "B"];
        return one with
        {
            Name = "twins",
            Countries = ids.Select(c => one.Countries[0] with { Id = c }).ToArray(),
            Demands = ids.Select(c => one.Demands[0] with { Country = c }).ToArray(),
            ImportSources = ids.Select(c => new ImportSource { Id = "x" + c }).ToArray(),
            Imports = ids.Select(c => one.Imports[0] with { Country = c, Source = "x" + c }).ToArray(),
            Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 60 }],
            Scenarios =
            [
                new Scenario { Id = "calm", Probability = 0.5 },
                new Scenario { Id = "haltA", Probability = 0.25, Events = [Halt("xA")] },
                new Scenario { Id = "haltB", Probability = 0.25, Events = [Halt("xB")] },
            ],
        };
    }

    /// <summary>A sampling distribution for the newsvendor: its supplier x halts group g with probability ½ (other fields: defaults).</summary>
    public const string NewsvendorDistribution = """
        // every omitted field keeps its default
        { "supplier": "x", "halts": [ { "group": "g", "probability": 0.5 } ] }
        """;

    private static SupplyEvent Halt(string source) =>
        new() { Source = source, Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0.4 };
}

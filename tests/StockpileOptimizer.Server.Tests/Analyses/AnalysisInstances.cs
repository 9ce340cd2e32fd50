using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>
/// Tiny instances whose analyses are known by hand (docs/analyses.md, "Known answers"), and
/// the options the server gives each solve of an analysis by default, so that an in-process
/// run can be compared with a job's result.
/// </summary>
internal static class AnalysisInstances
{
    /// <summary>
    /// One country A, one material m (group g), demand 100 in one quarter, imports from x cover
    /// it; a tonne stocked costs 12 (acquisition 10 + holding 2); the halt (π = 0.5) leaves 40 %
    /// of imports, 60 t short. With damage 30 the optimum stocks 60 t: 720, no shortage.
    /// </summary>
    public static StockpileInstance Newsvendor(double damage = 30, double budget = 1e6) => new()
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
    public static StockpileInstance Twins() => Countries("twins", ["A", "B"], [
        new Scenario { Id = "calm", Probability = 0.5 },
        new Scenario { Id = "haltA", Probability = 0.25, Events = [Halt("xA")] },
        new Scenario { Id = "haltB", Probability = 0.25, Events = [Halt("xB")] },
    ]);

    /// <summary>Three mirror-image newsvendors, each hit alone by its own halt (π = 0.2 each), sharing pairwise.</summary>
    public static StockpileInstance Triplets() => Countries("triplets", ["A", "B", "C"], [
        new Scenario { Id = "calm", Probability = 0.4 },
        new Scenario { Id = "haltA", Probability = 0.2, Events = [Halt("xA")] },
        new Scenario { Id = "haltB", Probability = 0.2, Events = [Halt("xB")] },
        new Scenario { Id = "haltC", Probability = 0.2, Events = [Halt("xC")] },
    ]);

    /// <summary>A sampling distribution for the newsvendor: its supplier x halts group g with probability ½ (the rest: defaults).</summary>
    public static V1.ScenarioDistribution NewsvendorDistribution() => new()
    {
        Supplier = "x",
        Halts = { new V1.GroupHaltDistribution { Group = "g", Probability = 0.5 } },
    };

    /// <summary>The same distribution in the engine's form.</summary>
    public static Domain.ScenarioDistribution NewsvendorDistributionDomain() => new()
    {
        Supplier = "x",
        Halts = [new Domain.GroupHaltDistribution { Group = "g", Probability = 0.5 }],
    };

    /// <summary>What each solve of an analysis job runs with on a default host: the server's default time limit, one thread, no extras.</summary>
    public static SolveOptions ServerSolve() => new()
    {
        TimeLimit = TimeSpan.FromSeconds(60), Threads = 1, ShadowPrices = false, DiagnoseInfeasibility = false,
    };

    public static V1.StockpileInstance Proto(StockpileInstance instance) => DomainMapping.ToProto(instance);

    private static StockpileInstance Countries(string name, string[] ids, Scenario[] scenarios)
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

    private static SupplyEvent Halt(string source) =>
        new() { Source = source, Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0.4 };
}

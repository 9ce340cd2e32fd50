using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>The instances the suite sends.</summary>
internal static class Instances
{
    /// <summary>Stockpile of the newsvendor's optimum, tonnes.</summary>
    public const double NewsvendorStock = 60;

    /// <summary>Objective of the newsvendor's optimum, USD.</summary>
    public const double NewsvendorObjective = 720;

    /// <summary>
    /// The hand-solved newsvendor: one country, material and sector, one period, demand 100 t.
    /// With probability 0.5 a halt leaves 40 % of the 100 t of imports, so 60 t would be short.
    /// A tonne stocked costs acquisition 10 + holding 2 = 12 USD in every scenario and saves
    /// 0.5 × damage 30 = 15 USD: stock all 60 t; objective 60 × 12 = 720 USD (no shortage left).
    /// </summary>
    public static StockpileInstance Newsvendor(double demandScale = 1) => new()
    {
        Name = "newsvendor",
        Horizon = new Horizon { Periods = 1, MonthsPerPeriod = 3, Start = "2026Q1" },
        Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 1e6 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }],
        Sectors = [new Sector { Id = "k" }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [100], DamageUsdPerTonne = 30 }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 }],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5, DemandScale = demandScale },
            new Scenario
            {
                Id = "halt", Probability = 0.5, DemandScale = demandScale,
                Events = [new SupplyEvent { Kind = "halt", Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0.4 }],
            },
        ],
    };

    /// <summary>
    /// A small instance that uses every part of the format (producers, investments with
    /// partners, tiers, private stock, sharing, events on groups, coverage floors, CVaR), so
    /// that fuzzing it reaches every field. Solves in well under a second.
    /// </summary>
    public static StockpileInstance Rich()
    {
        var generated = InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 2, Materials = 2, Periods = 3, Scenarios = 3, ProducersPerCountry = 1, Investments = 2, Tiers = 2, Seed = 7,
        });
        return generated with
        {
            Policy = generated.Policy with
            {
                CoverageFloors = [new CoverageFloor { Country = "C0", Material = "m0", Months = 1 }],
                RefillFraction = 0.1,
            },
        };
    }

    /// <summary>Solves in about a tenth of a second: well within the server's first progress stage (1 s), even on a busy machine.</summary>
    public static StockpileInstance Small(int seed = 1) =>
        InstanceGenerator.Generate(new GeneratorSpec { Materials = 3, Periods = 4, Scenarios = 4, Seed = seed });

    /// <summary>Runs for many seconds: long enough to kill the host or hit a time limit mid-solve.</summary>
    public static StockpileInstance Long(int seed = 1) =>
        InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30, Seed = seed });
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests;

/// <summary>Instances for the server's tests: tiny ones that solve in milliseconds, generated larger ones.</summary>
internal static class TestInstances
{
    /// <summary>
    /// One country, one material, one sector; imports halted to 40 % in the "halt" scenario
    /// (probability 0.5). Solves in milliseconds.
    /// </summary>
    public static StockpileInstance Tiny() => new()
    {
        Name = "tiny",
        Horizon = new Horizon { Periods = 2, MonthsPerPeriod = 3, Start = "2026Q1" },
        Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 1e6 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [100, 100], DamageUsdPerTonne = 50 }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 }],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5 },
            new Scenario
            {
                Id = "halt", Probability = 0.5,
                Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 2, Availability = 0.4 }],
            },
        ],
    };

    /// <summary>Solves in about a second.</summary>
    public static StockpileInstance Medium() => InstanceGenerator.Generate(new GeneratorSpec());

    /// <summary>Runs for several seconds: long enough to cancel, time out or stop the host mid-solve.</summary>
    public static StockpileInstance Large() => InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 });
}

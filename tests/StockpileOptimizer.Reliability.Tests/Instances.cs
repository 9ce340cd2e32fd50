using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>The instances the suite sends.</summary>
internal static class Instances
{
    /// <summary>
    /// The hand-solved newsvendor of <see cref="HandInstances.Newsvendor"/> (damage 30: stock 60 t,
    /// objective 720 USD) as the suite sends it: periods labelled from 2026Q1, its sector not a
    /// defence sector, and every scenario's demand scaled by <paramref name="demandScale"/>.
    /// </summary>
    public static StockpileInstance Newsvendor(double demandScale = 1)
    {
        var newsvendor = HandInstances.Newsvendor();
        return newsvendor with
        {
            Horizon = newsvendor.Horizon with { Start = "2026Q1" },
            Sectors = [new Sector { Id = "k" }],
            Scenarios = newsvendor.Scenarios.Select(s => s with { DemandScale = demandScale }).ToArray(),
        };
    }

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

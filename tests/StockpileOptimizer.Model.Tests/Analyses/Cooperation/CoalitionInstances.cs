using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.Analyses;

/// <summary>
/// Several newsvendors side by side (TestInstances.Newsvendor per country: demand 100 of "m",
/// imports 100, acquisition 10 + holding 2 per tonne, one period), linked by sharing
/// agreements, so that every coalition's cost can be worked out by hand.
/// </summary>
internal static class CoalitionInstances
{
    /// <summary>
    /// Two mirror-image countries A and B, each importing from its own source (xA, xB); a halt
    /// hits one source at a time: calm 0.5, haltA 0.25, haltB 0.25, each leaving 40 % of the
    /// imports (a 60 t shortfall); damage 30 per tonne; sharing A–B 60 t.
    /// </summary>
    public static StockpileInstance Twins()
    {
        var instance = Countries(["A", "B"], damage: 30, sharing: [("A", "B")]);
        return instance with
        {
            ImportSources = [new ImportSource { Id = "xA" }, new ImportSource { Id = "xB" }],
            Imports = instance.Imports.Select(i => i with { Source = "x" + i.Country }).ToArray(),
            Scenarios =
            [
                new Scenario { Id = "calm", Probability = 0.5 },
                Halt("haltA", 0.25, "xA"),
                Halt("haltB", 0.25, "xB"),
            ],
        };
    }

    /// <summary>
    /// Three countries, one halt (π = 0.5, 40 % of imports left: 60 t short each); damage 30.
    /// A also has a producer of 120 t a period, 60 t more than it needs in the halt. Sharing
    /// links A–B, A–C and B–C, 60 t each.
    /// </summary>
    public static StockpileInstance Glove()
    {
        var instance = Countries(["A", "B", "C"], damage: 30, sharing: [("A", "B"), ("A", "C"), ("B", "C")]);
        return instance with
        {
            Producers =
            [
                new Producer
                {
                    Id = "pA", Country = "A", Material = "m", CapacityTonnesPerPeriod = 120, RampTonnesPerPeriod = 0,
                    UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 10, MaxCommitmentTonnesPerPeriod = 0,
                },
            ],
            Scenarios = [new Scenario { Id = "calm", Probability = 0.5 }, Halt("halt", 0.5, "x")],
        };
    }

    private static StockpileInstance Countries(string[] ids, double damage, (string A, string B)[] sharing)
    {
        var one = TestInstances.Newsvendor(damage);
        return one with
        {
            Name = "newsvendors " + string.Join('+', ids),
            Countries = ids.Select(c => one.Countries[0] with { Id = c }).ToArray(),
            Demands = ids.Select(c => one.Demands[0] with { Country = c }).ToArray(),
            Imports = ids.Select(c => one.Imports[0] with { Country = c }).ToArray(),
            Sharing = sharing.Select(l => new SharingLink { CountryA = l.A, CountryB = l.B, Material = "m", TonnesPerPeriod = 60 }).ToArray(),
        };
    }

    private static Scenario Halt(string id, double probability, string source) => new()
    {
        Id = id, Probability = probability,
        Events = [new SupplyEvent { Source = source, Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0.4 }],
    };
}

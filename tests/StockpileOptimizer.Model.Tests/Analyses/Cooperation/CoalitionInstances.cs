using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.Analyses;

/// <summary>
/// Several newsvendors side by side (HandInstances.Newsvendor per country: demand 100 of "m",
/// imports 100, acquisition 10 + holding 2 per tonne, one period), linked by sharing
/// agreements, so that every coalition's cost can be worked out by hand.
/// </summary>
internal static class CoalitionInstances
{
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
        var one = HandInstances.Newsvendor(damage);
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

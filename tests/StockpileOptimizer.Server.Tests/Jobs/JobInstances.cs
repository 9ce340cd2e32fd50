using StockpileOptimizer.Domain;
using StockpileOptimizer.TestData;

namespace StockpileOptimizer.Server.Tests.Jobs;

/// <summary>Instances for the job tests: one that solves in milliseconds, one that runs for tens of seconds.</summary>
internal static class JobInstances
{
    /// <summary><see cref="HandInstances.Newsvendor"/> (stock 60 t, 720 USD) under another name, so that jobs of it differ in fingerprint.</summary>
    public static StockpileInstance Newsvendor(string name = "newsvendor") => HandInstances.Newsvendor() with { Name = name };

    /// <summary>
    /// A generated two-country, three-material instance with 100 equally likely scenarios over 8
    /// periods, tiers, two investments and CVaR: about 45,000 variables, which SCIP needs several
    /// seconds for (its first stage reports only when it ends). Tests cancel it mid-solve.
    /// Seeded: the same instance every run.
    /// </summary>
    public static StockpileInstance Long(int scenarioCount = 100, int periods = 8, int seed = 7)
    {
        var rng = new Random(seed);
        double Draw(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        string[] countries = ["A", "B"];
        string[] materials = ["m1", "m2", "m3"];
        var demands = new List<Demand>();
        var imports = new List<ImportLink>();
        foreach (var c in countries)
        {
            foreach (var m in materials)
            {
                var size = Math.Round(Draw(5, 15), 1);
                demands.Add(new Demand
                {
                    Country = c, Material = m, Sector = "def", DamageUsdPerTonne = Math.Round(Draw(20, 60)),
                    TonnesPerPeriod = Enumerable.Range(0, periods).Select(_ => Math.Round(size * Draw(0.8, 1.2), 1)).ToArray(),
                });
                imports.Add(new ImportLink { Country = c, Material = m, Source = "cn", TonnesPerPeriod = Math.Round(1.08 * size, 1) });
                imports.Add(new ImportLink { Country = c, Material = m, Source = "ally", TonnesPerPeriod = Math.Round(0.3 * size, 1) });
            }
        }
        var scenarios = Enumerable.Range(0, scenarioCount).Select(s =>
        {
            var from = rng.Next(1, periods + 1);
            var to = Math.Min(periods, from + rng.Next(0, periods / 2 + 1));
            return new Scenario
            {
                Id = $"s{s}", Probability = 1.0 / scenarioCount, DemandScale = Math.Round(Draw(0.9, 1.1), 2),
                Events = s == 0 ? [] :
                [
                    new SupplyEvent
                    {
                        Source = "cn", Groups = [rng.Next(2) == 0 ? "light" : "heavy"], FromPeriod = from, ToPeriod = to,
                        Availability = Math.Round(Draw(0, 0.6), 2), PriceMultiplier = Math.Round(Draw(1, 3), 2),
                    },
                ],
            };
        }).ToArray();
        scenarios[^1] = scenarios[^1] with { Probability = 1 - scenarios[..^1].Sum(s => s.Probability) };

        return new StockpileInstance
        {
            Name = $"long-{scenarioCount}x{periods}",
            Horizon = new Horizon { Periods = periods, MonthsPerPeriod = 3 },
            Countries = countries.Select(c => new Country { Id = c, BudgetUsd = Math.Round(Draw(300, 900)) * periods, StorageTonnes = Math.Round(Draw(20, 80)) }).ToArray(),
            Materials =
            [
                new Material { Id = "m1", Group = "light", PriceUsdPerTonne = 4, AcquisitionUsdPerTonne = 4, HoldingUsdPerTonnePeriod = 0.5 },
                new Material { Id = "m2", Group = "heavy", PriceUsdPerTonne = 6, AcquisitionUsdPerTonne = 6, HoldingUsdPerTonnePeriod = 0.8 },
                new Material { Id = "m3", Group = "light", PriceUsdPerTonne = 5, AcquisitionUsdPerTonne = 5, HoldingUsdPerTonnePeriod = 0.6 },
            ],
            Sectors = [new Sector { Id = "def", Defence = true }],
            Demands = demands,
            ImportSources = [new ImportSource { Id = "cn" }, new ImportSource { Id = "ally" }],
            Imports = imports,
            Producers =
            [
                new Producer { Id = "pA", Country = "A", Material = "m1", CapacityTonnesPerPeriod = 3, RampTonnesPerPeriod = 1, UnitCostUsdPerTonne = 3, FloorPriceUsdPerTonne = 4.5, MaxCommitmentTonnesPerPeriod = 8, CommitmentFeeUsdPerTonnePeriod = 0.05 },
                new Producer { Id = "pB", Country = "B", Material = "m2", CapacityTonnesPerPeriod = 2, RampTonnesPerPeriod = 1, UnitCostUsdPerTonne = 3, FloorPriceUsdPerTonne = 4.5, MaxCommitmentTonnesPerPeriod = 8, CommitmentFeeUsdPerTonnePeriod = 0.05 },
            ],
            Investments =
            [
                new Investment
                {
                    Id = "joint-plant", Producer = "pB", AddedCapacityTonnesPerPeriod = 6, LeadTimePeriods = 1, CapexUsd = 80,
                    Partners = [new CostShare { Country = "A", MinShare = 0.2, MaxShare = 0.8 }, new CostShare { Country = "B", MinShare = 0.2, MaxShare = 0.8 }],
                },
                new Investment { Id = "plant-a", Producer = "pA", AddedCapacityTonnesPerPeriod = 4, LeadTimePeriods = 2, CapexUsd = 60 },
            ],
            Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }, new TaxCreditTier { Id = "20", Rate = 0.2 }, new TaxCreditTier { Id = "40", Rate = 0.4 }],
            PrivateStock = countries.SelectMany(c => materials.Select(m => new PrivateStockResponse
            {
                Country = c, Material = m, TonnesByTier = [0, Math.Round(Draw(3, 8)), Math.Round(Draw(9, 16))],
            })).ToArray(),
            Sharing = materials.Select(m => new SharingLink { CountryA = "A", CountryB = "B", Material = m, TonnesPerPeriod = 4 }).ToArray(),
            Scenarios = scenarios,
            Policy = new PolicyOptions { RiskWeight = 0.5, CvarAlpha = 0.8 },
        };
    }
}

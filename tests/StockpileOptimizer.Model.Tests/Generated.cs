using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests;

/// <summary>
/// Small random instances for properties: two countries (or <paramref name="countries"/>),
/// two materials, producers with BoLR options, tiers, a joint investment, sharing links and
/// three scenarios (calm, a halt, a price war then a halt). Seeded: the same seed, the same instance.
/// </summary>
internal static class Generated
{
    public static StockpileInstance Small(int seed, bool symmetric = false, int periods = 3, double riskWeight = 0)
    {
        var rng = new Random(seed);
        double Draw(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        string[] countries = ["A", "B"];
        string[] materials = ["m1", "m2"];
        var countryData = countries.Select(c => (budget: Draw(300, 900), storage: Draw(20, 80))).ToArray();
        if (symmetric)
        {
            countryData[1] = countryData[0];
        }

        var demands = new List<Demand>();
        var imports = new List<ImportLink>();
        foreach (var (c, ci) in countries.Select((c, i) => (c, i)))
        {
            foreach (var m in materials)
            {
                var size = Draw(5, 15);
                var d = symmetric && ci == 1 ? demands.First(x => x.Country == "A" && x.Material == m && x.Sector == "def") : null;
                demands.Add(d is not null ? d with { Country = c } : new Demand
                {
                    Country = c, Material = m, Sector = "def",
                    TonnesPerPeriod = Enumerable.Repeat(Math.Round(size, 1), periods).ToArray(),
                    DamageUsdPerTonne = Math.Round(Draw(20, 60)),
                });
                var civil = symmetric && ci == 1 ? demands.First(x => x.Country == "A" && x.Material == m && x.Sector == "civ") : null;
                demands.Add(civil is not null ? civil with { Country = c } : new Demand
                {
                    Country = c, Material = m, Sector = "civ",
                    TonnesPerPeriod = Enumerable.Repeat(Math.Round(2 * size, 1), periods).ToArray(),
                    DamageUsdPerTonne = Math.Round(Draw(5, 20)),
                });
                var total = demands.Where(x => x.Country == c && x.Material == m).Sum(x => x.TonnesPerPeriod[0]);
                imports.Add(new ImportLink { Country = c, Material = m, Source = "cn", TonnesPerPeriod = Math.Round(0.8 * total, 1) });
                imports.Add(new ImportLink { Country = c, Material = m, Source = "ally", TonnesPerPeriod = Math.Round(0.3 * total, 1) });
            }
        }

        return new StockpileInstance
        {
            Name = $"generated-{seed}",
            Horizon = new Horizon { Periods = periods, MonthsPerPeriod = 3 },
            Countries = countries.Select((c, i) => new Country { Id = c, BudgetUsd = Math.Round(countryData[i].budget), StorageTonnes = Math.Round(countryData[i].storage) }).ToArray(),
            Materials =
            [
                new Material { Id = "m1", Group = "light", PriceUsdPerTonne = 4, AcquisitionUsdPerTonne = 4, HoldingUsdPerTonnePeriod = 0.5 },
                new Material { Id = "m2", Group = "heavy", PriceUsdPerTonne = 6, AcquisitionUsdPerTonne = 6, HoldingUsdPerTonnePeriod = 0.8 },
            ],
            Sectors = [new Sector { Id = "def", Defence = true }, new Sector { Id = "civ" }],
            Demands = demands,
            ImportSources = [new ImportSource { Id = "cn" }, new ImportSource { Id = "ally" }],
            Imports = imports,
            Producers =
            [
                new Producer { Id = "pA", Country = "A", Material = "m1", CapacityTonnesPerPeriod = Math.Round(Draw(2, 6), 1), RampTonnesPerPeriod = 1, UnitCostUsdPerTonne = 3, FloorPriceUsdPerTonne = 4.5, MaxCommitmentTonnesPerPeriod = 8, CommitmentFeeUsdPerTonnePeriod = 0.05 },
                new Producer { Id = "pB", Country = "B", Material = symmetric ? "m1" : "m2", CapacityTonnesPerPeriod = symmetric ? 0 : Math.Round(Draw(1, 4), 1), RampTonnesPerPeriod = 1, UnitCostUsdPerTonne = 3, FloorPriceUsdPerTonne = 4.5, MaxCommitmentTonnesPerPeriod = 8, CommitmentFeeUsdPerTonnePeriod = 0.05 },
            ],
            Investments =
            [
                new Investment { Id = "joint-plant", Producer = "pB", AddedCapacityTonnesPerPeriod = 6, LeadTimePeriods = 1, CapexUsd = Math.Round(Draw(40, 120)),
                    Partners = [new CostShare { Country = "A", MinShare = 0.2, MaxShare = 0.8 }, new CostShare { Country = "B", MinShare = 0.2, MaxShare = 0.8 }] },
            ],
            Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }, new TaxCreditTier { Id = "20", Rate = 0.2 }, new TaxCreditTier { Id = "40", Rate = 0.4 }],
            PrivateStock = countries.Select(c => new PrivateStockResponse { Country = c, Material = "m1", TonnesByTier = [0, Math.Round(Draw(3, 8)), Math.Round(Draw(9, 16))] }).ToArray(),
            Sharing = materials.Select(m => new SharingLink { CountryA = "A", CountryB = "B", Material = m, TonnesPerPeriod = Math.Round(Draw(2, 6), 1) }).ToArray(),
            Scenarios =
            [
                new Scenario { Id = "calm", Probability = 0.5 },
                new Scenario { Id = "halt", Probability = 0.3, Events = [new SupplyEvent { Source = "cn", Groups = ["light", "heavy"], FromPeriod = 2, ToPeriod = periods, Availability = Math.Round(Draw(0, 0.5), 2), PriceMultiplier = 2 }] },
                new Scenario { Id = "war-halt", Probability = 0.2, Events =
                [
                    new SupplyEvent { Kind = "price-war", Groups = ["light"], FromPeriod = 1, ToPeriod = 1, PriceMultiplier = 0.5 },
                    new SupplyEvent { Source = "cn", Groups = ["light", "heavy"], FromPeriod = 2, ToPeriod = periods, Availability = 0.2, PriceMultiplier = 2.5 },
                ] },
            ],
            Policy = new PolicyOptions { RiskWeight = riskWeight, CvarAlpha = 0.8 },
        };
    }
}

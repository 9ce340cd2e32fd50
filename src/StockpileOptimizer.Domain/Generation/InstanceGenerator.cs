namespace StockpileOptimizer.Domain;

/// <summary>Size of a generated instance.</summary>
public sealed record GeneratorSpec
{
    public int Countries { get; init; } = 2;
    public int Materials { get; init; } = 4;
    public int Periods { get; init; } = 8;
    public int Scenarios { get; init; } = 10;
    public int ProducersPerCountry { get; init; } = 2;
    public int Investments { get; init; } = 3;
    public int Tiers { get; init; } = 4;
    public double RiskWeight { get; init; } = 0.2;
    public int Seed { get; init; } = 1;
    /// <summary>
    /// 1 (default): a model v1 instance, the same for a given spec as it always was. 2: the same
    /// instance as formatVersion 2 with v2 data and options drawn from the seed (recipes,
    /// holdings, trade and tariffs, release rule, cost view, contract, coverage floors, terminal
    /// value), see <see cref="InstanceGenerator"/>.
    /// </summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>
    /// A small v2 spec whose sizes are drawn from <paramref name="seed"/> (1–3 countries, 2–4
    /// materials, 2–4 periods, 2–4 scenarios): instances of many shapes that solve in well under
    /// a second.
    /// </summary>
    public static GeneratorSpec SmallV2(int seed)
    {
        var rng = new Random(seed);
        return new GeneratorSpec
        {
            Countries = rng.Next(1, 4), Materials = rng.Next(2, 5), Periods = rng.Next(2, 5), Scenarios = rng.Next(2, 5),
            ProducersPerCountry = rng.Next(1, 3), Investments = rng.Next(0, 3), Tiers = rng.Next(1, 4),
            RiskWeight = rng.Next(3) == 0 ? 0.3 : 0, Seed = seed, FormatVersion = 2,
        };
    }
}

/// <summary>
/// Synthetic instances of any size for tests and benchmarks: the same spec and seed give
/// the same instance. Magnitudes are unit-free round numbers (not the default data), chosen
/// so that stockpiles, tiers, commitments and investments all matter.
/// </summary>
public static partial class InstanceGenerator
{
    public static StockpileInstance Generate(GeneratorSpec spec)
    {
        var rng = new Random(spec.Seed);
        double Draw(double lo, double hi) => Math.Round(lo + (hi - lo) * rng.NextDouble(), 2);
        var countries = Enumerable.Range(0, spec.Countries).Select(c => $"C{c}").ToArray();
        var materials = Enumerable.Range(0, spec.Materials).Select(m => new Material
        {
            Id = $"m{m}",
            Group = m % 2 == 0 ? "light" : "heavy",
            PriceUsdPerTonne = Draw(5, 15),
        }).Select(m => m with { AcquisitionUsdPerTonne = Math.Round(m.PriceUsdPerTonne * 1.1, 2), HoldingUsdPerTonnePeriod = Math.Round(m.PriceUsdPerTonne * 0.05, 2) })
        .ToArray();
        Sector[] sectors = [new() { Id = "def", Defence = true }, new() { Id = "civ" }];

        var demands = new List<Demand>();
        var imports = new List<ImportLink>();
        foreach (var c in countries)
        {
            foreach (var m in materials)
            {
                var size = Draw(10, 40);
                var growth = Draw(0, 0.03);
                foreach (var (sector, share, damage) in new[] { ("def", 0.3, Draw(60, 120)), ("civ", 0.7, Draw(8, 25)) })
                {
                    demands.Add(new Demand
                    {
                        Country = c, Material = m.Id, Sector = sector, DamageUsdPerTonne = damage,
                        TonnesPerPeriod = Enumerable.Range(0, spec.Periods).Select(t => Math.Round(size * share * Math.Pow(1 + growth, t), 2)).ToArray(),
                    });
                }
                imports.Add(new ImportLink { Country = c, Material = m.Id, Source = "cn", TonnesPerPeriod = Math.Round(size * Draw(0.6, 0.9), 2) });
                imports.Add(new ImportLink { Country = c, Material = m.Id, Source = "ally", TonnesPerPeriod = Math.Round(size * Draw(0.2, 0.5), 2) });
            }
        }

        var producers = new List<Producer>();
        foreach (var c in countries)
        {
            for (var j = 0; j < spec.ProducersPerCountry; j++)
            {
                var material = materials[rng.Next(materials.Length)];
                producers.Add(new Producer
                {
                    Id = $"{c}-p{j}", Country = c, Material = material.Id,
                    CapacityTonnesPerPeriod = Draw(2, 12), RampTonnesPerPeriod = Draw(1, 4),
                    UnitCostUsdPerTonne = Math.Round(material.PriceUsdPerTonne * Draw(0.6, 0.9), 2),
                    FloorPriceUsdPerTonne = Math.Round(material.PriceUsdPerTonne * Draw(1.0, 1.2), 2),
                    MaxCommitmentTonnesPerPeriod = Draw(5, 20), CommitmentFeeUsdPerTonnePeriod = Draw(0.01, 0.1),
                });
            }
        }

        var investments = Enumerable.Range(0, Math.Min(spec.Investments, producers.Count)).Select(g =>
        {
            var producer = producers[rng.Next(producers.Count)];
            var partners = spec.Countries > 1 && g % 2 == 0
                ? countries.Select(c => new CostShare { Country = c, MinShare = 0.1 / spec.Countries, MaxShare = Math.Min(1, 2.0 / spec.Countries) }).ToArray()
                : [];
            return new Investment
            {
                Id = $"g{g}", Producer = producer.Id, AddedCapacityTonnesPerPeriod = Draw(5, 20),
                LeadTimePeriods = rng.Next(1, Math.Max(2, spec.Periods / 2)), CapexUsd = Draw(100, 600), Partners = partners,
            };
        }).ToArray();

        var tiers = Enumerable.Range(0, spec.Tiers).Select(l => new TaxCreditTier { Id = $"t{10 * l}", Rate = 0.1 * l }).ToArray();
        var privateStock = countries.SelectMany(c => materials.Select(m => new PrivateStockResponse
        {
            Country = c, Material = m.Id,
            TonnesByTier = Enumerable.Range(0, spec.Tiers).Select(l => Math.Round(l * Draw(3, 8), 2)).ToArray(),
        })).ToArray();
        var sharing = Enumerable.Range(0, spec.Countries - 1).SelectMany(c => materials.Select(m => new SharingLink
        {
            CountryA = countries[c], CountryB = countries[c + 1], Material = m.Id, TonnesPerPeriod = Draw(2, 10),
        })).ToArray();

        var instance = new StockpileInstance
        {
            Name = $"generated {spec.Countries}c×{spec.Materials}m×{spec.Periods}t×{spec.Scenarios}s seed {spec.Seed}",
            Horizon = new Horizon { Periods = spec.Periods, MonthsPerPeriod = 3 },
            Countries = countries.Select(c => new Country { Id = c, BudgetUsd = Draw(2000, 6000), StorageTonnes = Draw(100, 400) }).ToArray(),
            Materials = materials,
            Sectors = sectors,
            Demands = demands,
            ImportSources = [new ImportSource { Id = "cn" }, new ImportSource { Id = "ally" }],
            Imports = imports,
            Producers = producers,
            Investments = investments,
            Tiers = tiers,
            PrivateStock = privateStock,
            Sharing = sharing,
            Scenarios = Scenarios(spec, rng),
            Policy = new PolicyOptions { RiskWeight = spec.RiskWeight, CvarAlpha = 0.9 },
        };
        return spec.FormatVersion >= 2 ? WithV2(instance, spec) : instance;
    }

    private static Scenario[] Scenarios(GeneratorSpec spec, Random rng)
    {
        var weights = Enumerable.Range(0, spec.Scenarios).Select(s => s == 0 ? spec.Scenarios : 0.5 + rng.NextDouble()).ToArray();
        var total = weights.Sum();
        var scenarios = new Scenario[spec.Scenarios];
        var assigned = 0.0;
        for (var s = 0; s < spec.Scenarios; s++)
        {
            var probability = s == spec.Scenarios - 1 ? 1 - assigned : weights[s] / total;
            assigned += probability;
            scenarios[s] = new Scenario
            {
                Id = s == 0 ? "calm" : $"s{s}",
                Probability = probability,
                DemandScale = s == 0 ? 1 : Math.Round(0.9 + 0.2 * rng.NextDouble(), 3),
                Events = s == 0 ? [] : Events(spec, rng),
            };
        }
        return scenarios;
    }

    private static SupplyEvent[] Events(GeneratorSpec spec, Random rng)
    {
        var start = rng.Next(1, spec.Periods + 1);
        var end = Math.Min(spec.Periods, start + rng.Next(0, Math.Max(1, spec.Periods / 2)));
        var halt = new SupplyEvent
        {
            Kind = "halt", Source = "cn", Groups = rng.Next(3) == 0 ? ["light", "heavy"] : [rng.Next(2) == 0 ? "light" : "heavy"],
            FromPeriod = start, ToPeriod = end, Availability = Math.Round(rng.NextDouble() * 0.6, 2), PriceMultiplier = Math.Round(1.2 + rng.NextDouble(), 2),
        };
        if (start <= 1 || rng.Next(3) != 0)
        {
            return [halt];
        }
        var war = new SupplyEvent
        {
            Kind = "price-war", Groups = ["light", "heavy"], FromPeriod = 1, ToPeriod = start - 1,
            PriceMultiplier = Math.Round(0.4 + 0.3 * rng.NextDouble(), 2),
        };
        return [war, halt];
    }
}

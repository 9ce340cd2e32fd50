namespace StockpileOptimizer.Domain;

/// <summary>
/// Model v2 data on a generated v1 instance, drawn from a generator of its own so that the
/// v1 part is the same instance as before. Each feature is switched on or off by the seed, so
/// that seeds give many shapes: recipes (producers of material j draw materials i &lt; j, so the
/// chain is acyclic and no producer draws its own output), holdings within storage, trade links
/// with tariffs and tariff events (sometimes overlapping: the last wins), sharing links that
/// pay duty, each v2 option left to its default or set, and coverage floors by basis in days or
/// months that fit storage and budget.
/// </summary>
public static partial class InstanceGenerator
{
    private static StockpileInstance WithV2(StockpileInstance v1, GeneratorSpec spec)
    {
        var rng = new Random(unchecked((spec.Seed * 7919) + 2));
        var materials = v1.Materials;
        var producers = Recipes(v1, rng);
        var holdings = rng.NextDouble() < 0.7 ? Holdings(v1, rng) : [];
        var trade = v1.Countries.Count > 1 && rng.NextDouble() < 0.7 ? Trade(v1, rng) : [];
        var sharing = v1.Sharing.Select(l => l with { TariffExempt = trade.Length == 0 || rng.NextDouble() >= 0.3 }).ToArray();
        var scenarios = v1.Scenarios.Select((s, i) => i == 0 || trade.Length == 0 || rng.NextDouble() >= 0.6
            ? s
            : s with { TariffEvents = TariffEvents(trade, materials, spec.Periods, rng) }).ToArray();
        var policy = v1.Policy with
        {
            ReleaseRule = Pick<ReleaseRule?>(rng, null, ReleaseRule.Emergency, ReleaseRule.Shortage, ReleaseRule.Market),
            ReleasePriceFraction = rng.NextDouble() < 0.3 ? Round(rng.NextDouble()) : null,
            TerminalValueFraction = rng.NextDouble() < 0.3 ? Round(rng.NextDouble()) : null,
            CostView = Pick<CostView?>(rng, null, CostView.Fiscal, CostView.Economy),
            BolrContract = Pick<BolrContract?>(rng, null, BolrContract.Purchase, BolrContract.TopUp),
            TieBreaking = Pick<bool?>(rng, null, null, true, false),
        };
        var instance = v1 with
        {
            FormatVersion = 2,
            Name = v1.Name + " v2",
            Producers = producers,
            Holdings = holdings,
            Trade = trade,
            Sharing = sharing,
            Scenarios = scenarios,
        };
        var floors = rng.NextDouble() < 0.6 ? CoverageFloors(instance, rng) : [];
        instance = instance with { Policy = policy with { CoverageFloors = floors } };
        return instance with { Countries = Affordable(instance) };
    }

    /// <summary>
    /// Producers of the j-th material draw one or two of the materials before it (when recipes
    /// are on). Every commitment is capped at what the producer can make: its capacity plus the
    /// capacity its investments add.
    /// </summary>
    private static Producer[] Recipes(StockpileInstance v1, Random rng)
    {
        var on = rng.NextDouble() < 0.7;
        var index = v1.Materials.Select((m, i) => (m.Id, i)).ToDictionary(e => e.Id, e => e.i);
        return v1.Producers.Select(p =>
        {
            var j = index[p.Material];
            var inputs = on && j > 0 && rng.NextDouble() < 0.6
                ? Enumerable.Range(0, j).OrderBy(_ => rng.Next()).Take(rng.Next(1, 3))
                    .Select(i => new RecipeInput { Material = v1.Materials[i].Id, TonnesPerTonne = Round(0.2 + (1.3 * rng.NextDouble())) })
                    .ToArray()
                : [];
            var added = v1.Investments.Where(g => g.Producer == p.Id).Sum(g => g.AddedCapacityTonnesPerPeriod);
            return p with { Inputs = inputs, MaxCommitmentTonnesPerPeriod = Math.Min(p.MaxCommitmentTonnesPerPeriod, p.CapacityTonnesPerPeriod + added) };
        }).ToArray();
    }

    /// <summary>About half the (country, material) pairs hold stock: government stock of at most 15 % of storage in all.</summary>
    private static Holding[] Holdings(StockpileInstance v1, Random rng) =>
        [.. v1.Countries.SelectMany(c => v1.Materials
            .Where(_ => rng.NextDouble() < 0.5)
            .Select(m => new Holding
            {
                Country = c.Id, Material = m.Id,
                GovernmentTonnes = Math.Floor(100 * 0.15 * c.StorageTonnes * rng.NextDouble() / v1.Materials.Count) / 100,
                PrivateTonnes = rng.NextDouble() < 0.5 ? Round(1 + (9 * rng.NextDouble())) : 0,
            }))];

    /// <summary>Links between every ordered pair of countries in some materials, at 0–35 % duty.</summary>
    private static TradeLink[] Trade(StockpileInstance v1, Random rng) =>
        [.. from a in v1.Countries
            from b in v1.Countries
            where a.Id != b.Id
            from m in v1.Materials
            where rng.NextDouble() < 0.4
            select new TradeLink
            {
                From = a.Id, To = b.Id, Material = m.Id, TonnesPerPeriod = Round(2 + (10 * rng.NextDouble())),
                Tariff = Pick(rng, 0, 0.1, 0.25, 0.35),
            }];

    /// <summary>One or two events on links' (from, to) pairs naming the material, its group, or everything; from 0 ("resolved") to 250 %.</summary>
    private static TariffEvent[] TariffEvents(TradeLink[] trade, IReadOnlyList<Material> materials, int periods, Random rng) =>
        [.. Enumerable.Range(0, rng.Next(1, 3)).Select(_ =>
        {
            var link = trade[rng.Next(trade.Length)];
            var from = rng.Next(1, periods + 1);
            var scope = rng.Next(3);
            return new TariffEvent
            {
                From = link.From, To = link.To,
                Materials = scope == 0 ? [link.Material] : [],
                Groups = scope == 1 ? [materials.First(m => m.Id == link.Material).Group] : [],
                FromPeriod = from, ToPeriod = rng.Next(from, periods + 1),
                Tariff = Pick(rng, 0, 0.25, 0.5, 1.0, 2.5),
            };
        })];

    /// <summary>
    /// Floors on some (country, material) pairs, by basis, in days or months; a floor is kept
    /// only while holdings plus the stock the floors force stay within 80 % of storage.
    /// </summary>
    private static CoverageFloor[] CoverageFloors(StockpileInstance instance, Random rng)
    {
        var floors = new List<CoverageFloor>();
        foreach (var c in instance.Countries)
        {
            var stock = instance.Materials.ToDictionary(m => m.Id, m => HeldAtStart(instance, c.Id, m.Id));
            foreach (var m in instance.Materials.Where(_ => rng.NextDouble() < 0.4))
            {
                // Months are drawn whether or not days replace them, so the random sequence (and every
                // seeded instance after this point) stays as it was; a floor gives one or the other.
                var basis = Pick(rng, CoverageBasis.Defence, CoverageBasis.All);
                var months = Round(0.5 + (1.5 * rng.NextDouble()));
                double? days = rng.NextDouble() < 0.5 ? Pick(rng, 30.0, 60.0, 90.0) : null;
                var floor = new CoverageFloor
                {
                    Country = c.Id, Material = m.Id, Basis = basis, Months = days is null ? months : 0, Days = days,
                };
                var required = Math.Max(stock[m.Id], floor.MonthsOfDemand() * DemandPerMonth(instance, c.Id, m.Id, floor.Basis));
                if (stock.Values.Sum() - stock[m.Id] + required <= 0.8 * c.StorageTonnes)
                {
                    stock[m.Id] = required;
                    floors.Add(floor);
                }
            }
        }
        return [.. floors];
    }

    /// <summary>Budgets raised where needed to at least twice what the floors force: acquisition, and holding all stock over the horizon.</summary>
    private static Country[] Affordable(StockpileInstance instance) =>
        [.. instance.Countries.Select(c =>
        {
            var forced = instance.Materials.Sum(m =>
            {
                var held = HeldAtStart(instance, c.Id, m.Id);
                var floor = instance.Policy.CoverageFloors.FirstOrDefault(f => f.Country == c.Id && f.Material == m.Id);
                var added = floor is null ? 0 : Math.Max(0, (floor.MonthsOfDemand() * DemandPerMonth(instance, c.Id, m.Id, floor.Basis)) - held);
                return (m.AcquisitionUsdPerTonne * added) + (instance.Horizon.Periods * m.HoldingUsdPerTonnePeriod * (held + added));
            });
            return c with { BudgetUsd = Math.Max(c.BudgetUsd, Math.Ceiling(2 * forced)) };
        })];

    private static double HeldAtStart(StockpileInstance instance, string country, string material) =>
        instance.Holdings.Where(h => h.Country == country && h.Material == material).Sum(h => h.GovernmentTonnes);

    /// <summary>Mean demand per month of the floor's basis (defence sectors or all), unscaled.</summary>
    private static double DemandPerMonth(StockpileInstance instance, string country, string material, CoverageBasis basis)
    {
        var counted = instance.Sectors.Where(k => basis == CoverageBasis.All || k.Defence).Select(k => k.Id).ToHashSet();
        var perPeriod = instance.Demands.Where(d => d.Country == country && d.Material == material && counted.Contains(d.Sector))
            .Select(d => d.TonnesPerPeriod.Average()).Sum();
        return perPeriod / instance.Horizon.MonthsPerPeriod;
    }

    private static T Pick<T>(Random rng, params T[] options) => options[rng.Next(options.Length)];

    private static double Round(double value) => Math.Round(value, 2);
}

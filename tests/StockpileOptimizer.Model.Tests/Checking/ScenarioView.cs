namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// One scenario: the derived data of docs/model.md (P, avail, D, price wars) computed from the
/// instance, and the reported path read into second-stage values. Periods t are 1-based; an
/// entry the path does not list is zero.
/// </summary>
internal sealed partial class ScenarioView
{
    private readonly CheckContext ctx;
    private readonly Dictionary<(string, string), MaterialPath> materials = [];
    private readonly Dictionary<string, ProducerPath> producers = [];

    public ScenarioView(CheckContext ctx, Scenario scenario, ScenarioPath path)
    {
        this.ctx = ctx;
        Scenario = scenario;
        Path = path;
        var pairs = ctx.Pairs.ToHashSet();
        foreach (var m in path.Materials)
        {
            Add(materials, (m.Country, m.Material), m, pairs.Contains((m.Country, m.Material)));
            Shape($"{m.Country},{m.Material}", m.Inventory, m.Releases, m.Purchases, m.PrivateReleases);
        }
        foreach (var p in path.Producers)
        {
            Add(producers, p.Producer, p, ctx.ProducersById.ContainsKey(p.Producer));
            Shape(p.Producer, p.Capacity, p.Output, p.BolrResold, p.BolrStocked);
        }
        foreach (var v in path.Imports)
        {
            Shape($"{v.Country},{v.Material},{v.Source}", v.Tonnes);
        }
        foreach (var u in path.Shortages)
        {
            Shape($"{u.Country},{u.Material},{u.Sector}", u.Tonnes);
        }
        foreach (var e in path.Transfers)
        {
            Shape($"{e.From}→{e.To},{e.Material}", e.Tonnes);
        }
        foreach (var f in path.Trade)
        {
            Shape($"trade {f.From}→{f.To},{f.Material}", f.Tonnes);
        }
    }

    public Scenario Scenario { get; }
    public ScenarioPath Path { get; }
    public string Id => Scenario.Id;

    public string Row(string family, params object[] index) => CheckContext.Row(family, [.. index, Id]);

    public string Period(int t) => ctx.Periods[t - 1];

    /// <summary>Events covering (m, t): m named, or its group named, and t in [from, to].</summary>
    public IEnumerable<SupplyEvent> Covering(string material, int t)
    {
        var group = ctx.MaterialsById.TryGetValue(material, out var m) ? m.Group : null;
        return Scenario.Events.Where(e => e.FromPeriod <= t && t <= e.ToPeriod
            && (e.Materials.Contains(material) || (group is not null && e.Groups.Contains(group))));
    }

    public double Price(string material, int t) =>
        (ctx.MaterialsById.TryGetValue(material, out var m) ? m.PriceUsdPerTonne : 0)
        * Covering(material, t).Aggregate(1.0, (acc, e) => acc * e.PriceMultiplier);

    public double Avail(string country, string material, string source, int t) =>
        ctx.Instance.Imports
            .Where(l => l.Country == country && l.Material == material && l.Source == source)
            .Sum(l => l.TonnesPerPeriod)
        * Covering(material, t).Where(e => e.Source == source).Aggregate(1.0, (acc, e) => acc * e.Availability);

    public double Demand(string country, string material, string sector, int t) =>
        Scenario.DemandScale * ctx.Demands[(country, material)]
            .Where(d => d.Sector == sector).Sum(d => CheckContext.At(d.TonnesPerPeriod, t - 1));

    public double TotalDemand(string country, string material, int t) =>
        Scenario.DemandScale * ctx.Demands[(country, material)].Sum(d => CheckContext.At(d.TonnesPerPeriod, t - 1));

    /// <summary>A supply emergency: some event covering (m, t) throttles a source (availability below 1).</summary>
    public bool Emergency(string material, int t) => Covering(material, t).Any(e => e.Availability < 1);

    public bool PriceWar(Producer p, int t) => Price(p.Material, t) < p.UnitCostUsdPerTonne;

    /// <summary>I[c,m,t]; I[c,m,0] is the holding plus the stock added, G0 + x.</summary>
    public double I(string c, string m, int t) =>
        t == 0 ? ctx.Opening(c, m) : CheckContext.At(Material(c, m)?.Inventory, t - 1);

    public double R(string c, string m, int t) => CheckContext.At(Material(c, m)?.Releases, t - 1);

    public double A(string c, string m, int t) => CheckContext.At(Material(c, m)?.Purchases, t - 1);

    public double Rho(string c, string m, int t) => CheckContext.At(Material(c, m)?.PrivateReleases, t - 1);

    public double K(Producer p, int t) =>
        t == 0 ? p.CapacityTonnesPerPeriod : CheckContext.At(ProducerPath(p)?.Capacity, t - 1);

    public double O(Producer p, int t) => CheckContext.At(ProducerPath(p)?.Output, t - 1);

    public double BR(Producer p, int t) => CheckContext.At(ProducerPath(p)?.BolrResold, t - 1);

    public double BS(Producer p, int t) => CheckContext.At(ProducerPath(p)?.BolrStocked, t - 1);

    public double V(string c, string m, int t) =>
        Path.Imports.Where(v => v.Country == c && v.Material == m).Sum(v => CheckContext.At(v.Tonnes, t - 1));

    public double U(string c, string m, int t) =>
        Path.Shortages.Where(u => u.Country == c && u.Material == m).Sum(u => CheckContext.At(u.Tonnes, t - 1));

    public double TransfersIn(string c, string m, int t) =>
        Path.Transfers.Where(e => e.To == c && e.Material == m).Sum(e => CheckContext.At(e.Tonnes, t - 1));

    public double TransfersOut(string c, string m, int t) =>
        Path.Transfers.Where(e => e.From == c && e.Material == m).Sum(e => CheckContext.At(e.Tonnes, t - 1));

    /// <summary>The reported path of (c, m), or null when the result lists none.</summary>
    public MaterialPath? Material(string c, string m) => materials.GetValueOrDefault((c, m));

    private ProducerPath? ProducerPath(Producer p) => producers.GetValueOrDefault(p.Id);

    private void Add<TKey, T>(Dictionary<TKey, T> index, TKey key, T entry, bool known)
        where TKey : notnull
    {
        if (!known)
        {
            ctx.Report(Row("path", key), "refers to nothing in the instance");
        }
        else if (!index.TryAdd(key, entry))
        {
            ctx.Report(Row("path", key), "listed more than once");
        }
    }

    private void Shape(string what, params IReadOnlyList<double>[] series)
    {
        if (series.Any(s => s.Count != ctx.H))
        {
            ctx.Report(Row("path", what), $"series of lengths {string.Join("/", series.Select(s => s.Count))}, expected {ctx.H}");
        }
    }
}

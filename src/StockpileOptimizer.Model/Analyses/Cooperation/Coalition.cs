using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// The problem a coalition S of countries faces on its own (docs/analyses.md): the countries
/// of S with their demands, imports, producers, private-stock responses, holdings and coverage
/// floors; the sharing and trade links with both ends in S, and the tariff events on those; the
/// investments hosted in S, paid by their partners in S. Trade with a country outside S is not
/// in the problem (that country's market is not modelled), like sharing with it. Solved in JOINT mode, so a singleton is exactly that country's stand-alone problem
/// (no links, the host pays all, its own CVaR) and the grand coalition is the JOINT problem.
/// </summary>
internal static class Coalition
{
    /// <summary>Members of the coalition <paramref name="mask"/> (bit i = country i), in instance order.</summary>
    public static string[] Members(StockpileInstance instance, int mask) =>
        instance.Countries.Where((_, i) => (mask & (1 << i)) != 0).Select(c => c.Id).ToArray();

    public static string Label(IEnumerable<string> members) => string.Join('+', members);

    public static StockpileInstance Restrict(StockpileInstance instance, IReadOnlyCollection<string> members)
    {
        var inS = members.ToHashSet();
        var producers = instance.Producers.Where(p => inS.Contains(p.Country)).ToArray();
        var hosted = producers.Select(p => p.Id).ToHashSet();
        return instance with
        {
            Name = $"{instance.Name} [coalition {Label(members)}]",
            Countries = instance.Countries.Where(c => inS.Contains(c.Id)).ToArray(),
            Demands = instance.Demands.Where(d => inS.Contains(d.Country)).ToArray(),
            Imports = instance.Imports.Where(i => inS.Contains(i.Country)).ToArray(),
            Producers = producers,
            Investments = instance.Investments.Where(g => hosted.Contains(g.Producer))
                .Select(g => g with { Partners = PartnersWithin(g.Partners, inS) }).ToArray(),
            PrivateStock = instance.PrivateStock.Where(r => inS.Contains(r.Country)).ToArray(),
            Sharing = instance.Sharing.Where(l => inS.Contains(l.CountryA) && inS.Contains(l.CountryB)).ToArray(),
            Trade = instance.Trade.Where(l => inS.Contains(l.From) && inS.Contains(l.To)).ToArray(),
            Holdings = instance.Holdings.Where(h => inS.Contains(h.Country)).ToArray(),
            Scenarios = instance.Scenarios.Select(s => s with
            {
                TariffEvents = s.TariffEvents.Where(e => inS.Contains(e.From) && inS.Contains(e.To)).ToArray(),
            }).ToArray(),
            Policy = instance.Policy with
            {
                Mode = CooperationMode.Joint,
                CoverageFloors = instance.Policy.CoverageFloors.Where(f => inS.Contains(f.Country)).ToArray(),
            },
        };
    }

    /// <summary>
    /// The partners of an investment who are in S, their share bounds renormalised so the
    /// capex can still be split: minima are kept (a subset of minima still sums to ≤ 1);
    /// when the remaining maxima sum to less than 1 they are scaled up in proportion until
    /// they sum to 1 (each capped at 1). No partner in S: the host pays alone (empty list),
    /// as in INDEPENDENT mode. A lone host partner thus pays 100 %.
    /// </summary>
    public static IReadOnlyList<CostShare> PartnersWithin(IReadOnlyList<CostShare> partners, IReadOnlySet<string> members)
    {
        var kept = partners.Where(p => members.Contains(p.Country)).ToArray();
        var maxSum = kept.Sum(p => p.MaxShare);
        if (kept.Length == 0 || maxSum >= 1)
        {
            return kept;
        }
        return maxSum <= 0
            ? []
            : kept.Select(p => p with { MaxShare = Math.Min(1, p.MaxShare / maxSum) }).ToArray();
    }
}

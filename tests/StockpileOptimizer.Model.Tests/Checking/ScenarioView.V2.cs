namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// The derived data of docs/model.md "Model v2" for one scenario: tariffs τ, commercial trade
/// f, the release limit Rl[c,m,t,s] and the users' price premiums δ and δr.
/// </summary>
internal sealed partial class ScenarioView
{
    /// <summary>
    /// τ[l,t,s]: the link's tariff, replaced by that of every tariff event of the scenario from
    /// l.From to l.To covering (m_l, t); the last in the list wins.
    /// </summary>
    public double Tariff(TradeLink link, int t)
    {
        var tariff = link.Tariff;
        foreach (var e in Scenario.TariffEvents.Where(e => e.From == link.From && e.To == link.To))
        {
            if (TariffCovers(e, link.Material, t))
            {
                tariff = e.Tariff;
            }
        }
        return tariff;
    }

    /// <summary>τ of an arc from→to of m: the τ of the trade link from→to of m, 0 if there is none.</summary>
    public double ArcTariff(string from, string to, string material, int t) =>
        ctx.Instance.Trade.FirstOrDefault(l => l.From == from && l.To == to && l.Material == material) is { } link
            ? Tariff(link, t)
            : 0;

    /// <summary>Whether a sharing arc pays duty: its link (either direction) has tariffExempt = false.</summary>
    public bool Dutiable(TransferPath e) =>
        ctx.Instance.Sharing.Any(l => l.Material == e.Material && !l.TariffExempt
            && ((l.CountryA == e.From && l.CountryB == e.To) || (l.CountryA == e.To && l.CountryB == e.From)));

    /// <summary>f on the link from→to of m in period t (0 when the result lists none).</summary>
    public double Traded(string from, string to, string material, int t) =>
        Path.Trade.Where(f => f.From == from && f.To == to && f.Material == material).Sum(f => CheckContext.At(f.Tonnes, t - 1));

    public double TradeIn(string c, string m, int t) =>
        Path.Trade.Where(f => f.To == c && f.Material == m).Sum(f => CheckContext.At(f.Tonnes, t - 1));

    public double TradeOut(string c, string m, int t) =>
        Path.Trade.Where(f => f.From == c && f.Material == m).Sum(f => CheckContext.At(f.Tonnes, t - 1));

    /// <summary>δ[m,t,s] = max(0, P − price_m): users' premium per tonne bought.</summary>
    public double Premium(string material, int t) => Math.Max(0, Price(material, t) - ctx.NormalPrice(material));

    /// <summary>δr[m,t,s] = max(0, π_r·P − price_m): users' premium per tonne of released stock.</summary>
    public double ReleasePremium(string material, int t) =>
        Math.Max(0, ctx.Economics.ReleasePriceFraction * Price(material, t) - ctx.NormalPrice(material));

    /// <summary>(floor_p − P[m_p,t,s])⁺: the top-up per committed tonne.</summary>
    public double TopUp(Producer p, int t) => Math.Max(0, p.FloorPriceUsdPerTonne - Price(p.Material, t));

    /// <summary>R[c,m,t,s] of docs/model.md: the release limit is above 0.</summary>
    public bool ReleaseAllowed(string c, string m, int t) => ReleaseLimit(c, m, t) > 0;

    /// <summary>
    /// Rl[c,m,t,s], tonnes of government and private releases together: emergency +∞ in a
    /// supply emergency, else 0; market +∞; shortage the gap max(0, need − guaranteed), 0 below 1e-9.
    /// </summary>
    public double ReleaseLimit(string c, string m, int t) => ctx.Economics.ReleaseRule switch
    {
        ReleaseRule.Market => double.PositiveInfinity,
        ReleaseRule.Emergency => Emergency(m, t) ? double.PositiveInfinity : 0,
        _ => ShortageGap(c, m, t) is var gap && gap > 1e-9 ? gap : 0,
    };

    /// <summary>
    /// need − guaranteed: need = Σ_k D + what c's recipes could draw of m at their largest
    /// capacity (capacity plus every investment of the producer whose lead time has passed);
    /// guaranteed = Σ_src avail + the capacity of c's input-free producers of m with no price war
    /// in periods 1..t.
    /// </summary>
    public double ShortageGap(string c, string m, int t)
    {
        var draws = ctx.Instance.Producers.Where(p => p.Country == c)
            .Sum(p => CheckContext.Input(p, m) * (p.CapacityTonnesPerPeriod + ctx.Instance.Investments
                .Where(g => g.Producer == p.Id && t > g.LeadTimePeriods).Sum(g => g.AddedCapacityTonnesPerPeriod)));
        var imports = ctx.Instance.Imports.Where(l => l.Country == c && l.Material == m)
            .Select(l => l.Source).Distinct().Sum(src => Avail(c, m, src, t));
        var domestic = ctx.Instance.Producers
            .Where(p => p.Country == c && p.Material == m && p.Inputs.Count == 0
                && Enumerable.Range(1, t).All(t1 => !PriceWar(p, t1)))
            .Sum(p => p.CapacityTonnesPerPeriod);
        return TotalDemand(c, m, t) + draws - (imports + domestic);
    }

    /// <summary>Tariff event e covers (m, t): t in range, m or its group named, or neither list given.</summary>
    private bool TariffCovers(TariffEvent e, string material, int t)
    {
        if (t < e.FromPeriod || t > e.ToPeriod)
        {
            return false;
        }
        if (e.Materials.Count == 0 && e.Groups.Count == 0)
        {
            return true;
        }
        var group = ctx.MaterialsById.TryGetValue(material, out var m) ? m.Group : null;
        return e.Materials.Contains(material) || (group is not null && e.Groups.Contains(group));
    }
}

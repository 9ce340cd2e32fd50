namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>Commercial trade (model v2): the trade rows f ≤ tonnesPerPeriod, the tariffs in force, the duties.</summary>
internal static partial class PlanChecker
{
    private static void CheckTrade(CheckContext ctx, ScenarioView s)
    {
        foreach (var f in s.Path.Trade)
        {
            var links = ctx.Instance.Trade.Where(l => l.From == f.From && l.To == f.To && l.Material == f.Material).ToList();
            if (links.Count == 0)
            {
                ctx.Report(s.Row("path", $"trade {f.From}→{f.To}", f.Material), "refers to no trade link in the instance");
            }
            for (var t = 1; t <= ctx.H; t++)
            {
                var period = s.Period(t);
                var tonnes = CheckContext.At(f.Tonnes, t - 1);
                ctx.NonNegative(s.Row("f", $"{f.From}→{f.To}", f.Material, period), tonnes);
                ctx.Le(s.Row("trade", $"{f.From}→{f.To}", f.Material, period), tonnes, links.Sum(l => l.TonnesPerPeriod));
                if (links.Count == 1 && f.Tariff.Count > 0)
                {
                    ctx.Agree(s.Row("tariff", $"{f.From}→{f.To}", f.Material, period), CheckContext.At(f.Tariff, t - 1), s.Tariff(links[0], t));
                }
            }
        }
    }

    /// <summary>
    /// Duty country c levies in scenario s: Σ_{l: to=c} Σ_t τ·P·f on trade plus, on transfers
    /// into c over non-exempt sharing links, Σ_t τ·P·e with the τ of the trade link of the same
    /// direction. Users' outlay in the economy view; reported as the importer's revenue in both.
    /// </summary>
    private static double Duty(CheckContext ctx, ScenarioView s, string c)
    {
        var duty = 0.0;
        for (var t = 1; t <= ctx.H; t++)
        {
            foreach (var link in ctx.Instance.Trade.Where(l => l.To == c))
            {
                duty += s.Tariff(link, t) * s.Price(link.Material, t) * s.Traded(link.From, link.To, link.Material, t);
            }
            foreach (var e in s.Path.Transfers.Where(e => e.To == c && s.Dutiable(e)))
            {
                duty += s.ArcTariff(e.From, e.To, e.Material, t) * s.Price(e.Material, t) * CheckContext.At(e.Tonnes, t - 1);
            }
        }
        return duty;
    }

    /// <summary>Kpis.ExpectedTariffRevenue[c] = Σ_s π_s Duty(c, s); a country not listed reports 0.</summary>
    private static void CheckTariffRevenue(CheckContext ctx, Kpis? kpis, IReadOnlyList<double[]> duties)
    {
        if (kpis is null)
        {
            return;
        }
        var countries = ctx.Instance.Countries;
        for (var i = 0; i < countries.Count; i++)
        {
            var expected = ctx.Instance.Scenarios.Select((sc, k) => sc.Probability * duties[k][i]).Sum();
            var reported = kpis.ExpectedTariffRevenue.Where(a => a.Country == countries[i].Id).Sum(a => a.Usd);
            ctx.Agree(CheckContext.Row("tariff-revenue", countries[i].Id), reported, expected);
        }
    }
}

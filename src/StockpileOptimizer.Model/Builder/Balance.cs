using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>balance[c,m,t,s], kept for <see cref="Rebind"/> (demand moves its right-hand side).</summary>
    private Constraint[,,,] balanceRows = null!;

    /// <summary>
    /// balance[c,m,t,s]: domestic market sales (output not stocked by BoLR) + imports +
    /// releases + private releases + transfers in − transfers out + trade in − trade out −
    /// inputs drawn by producers' recipes − replenishment purchases + Σ_k shortage = Σ_k demand. Purchases come out of the same market: a government
    /// cannot buy during a halt what the market does not have.
    /// </summary>
    private void AddBalance()
    {
        balanceRows = new Constraint[d.C, d.M, d.H, d.S];
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                // Who trades (c,m), found once rather than by a scan per period and scenario:
                // wide instances have thousands of producers, import links and arcs.
                var producers = ProducersOf(cc, mm).ToArray();
                var imports = Enumerable.Range(0, d.Instance.Imports.Count)
                    .Where(i => d.ImportCountry[i] == cc && d.ImportMaterial[i] == mm).ToArray();
                var arcs = Enumerable.Range(0, d.Arcs.Count)
                    .Where(a => d.Arcs[a].Material == mm && (d.Arcs[a].To == cc || d.Arcs[a].From == cc))
                    .Select(a => (Arc: a, Sign: d.Arcs[a].To == cc ? 1.0 : -1.0)).ToArray();
                var trade = Enumerable.Range(0, d.Trade.Count)
                    .Where(l => d.Trade[l].Material == mm && (d.Trade[l].To == cc || d.Trade[l].From == cc))
                    .Select(l => (Link: l, Sign: d.Trade[l].To == cc ? 1.0 : -1.0)).ToArray();
                // Recipes: producers in c that draw m as an input, with tonnes of m per tonne of output.
                var draws = Enumerable.Range(0, d.P).Where(p => d.ProducerCountry[p] == cc)
                    .SelectMany(p => d.Inputs[p].Where(i => i.Material == mm).Select(i => (Producer: p, i.Ratio))).ToArray();
                ForPeriodScenario((t, s) =>
                {
                    var demand = TotalDemand(cc, mm, t, s);
                    var row = balanceRows[cc, mm, t, s] = Row(demand, demand, "balance", d.CountryId(cc), d.MaterialId(mm), d.Period(t), d.ScenarioId(s));
                    foreach (var p in producers)
                    {
                        row.SetCoefficient(Output[p, t, s], 1);
                        row.SetCoefficient(BolrStocked[p, t, s], -1);
                    }
                    foreach (var i in imports)
                    {
                        row.SetCoefficient(Import[i, t, s], 1);
                    }
                    row.SetCoefficient(Release[cc, mm, t, s], 1);
                    row.SetCoefficient(PrivateRelease[cc, mm, t, s], 1);
                    row.SetCoefficient(Purchase[cc, mm, t, s], -1);
                    foreach (var (a, sign) in arcs)
                    {
                        row.SetCoefficient(Transfer[a, t, s], sign);
                    }
                    foreach (var (l, sign) in trade)
                    {
                        row.SetCoefficient(TradeFlow[l, t, s], sign);
                    }
                    foreach (var (p, ratio) in draws)
                    {
                        row.SetCoefficient(Output[p, t, s], -ratio);
                    }
                    for (var k = 0; k < d.K; k++)
                    {
                        if (Shortage[cc, mm, k, t, s] is { } u)
                        {
                            row.SetCoefficient(u, 1);
                        }
                    }
                });
            }
        }
    }

    /// <summary>The right-hand side a scenario sets: its demand.</summary>
    private void RebindBalance()
    {
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                ForPeriodScenario((t, s) =>
                {
                    var demand = TotalDemand(cc, mm, t, s);
                    balanceRows[cc, mm, t, s].SetBounds(demand, demand);
                });
            }
        }
    }

    private double TotalDemand(int c, int m, int t, int s)
    {
        var demand = 0.0;
        for (var k = 0; k < d.K; k++)
        {
            demand += d.Demand[c, m, k, t, s];
        }
        return demand;
    }

    private IEnumerable<int> ProducersOf(int c, int m) =>
        Enumerable.Range(0, d.P).Where(p => d.ProducerCountry[p] == c && d.ProducerMaterial[p] == m);
}

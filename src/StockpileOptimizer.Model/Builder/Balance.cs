using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>balance[c,m,t,s], kept for <see cref="Rebind"/> (demand moves its right-hand side).</summary>
    private Constraint[,,,] balanceRows = null!;

    /// <summary>
    /// balance[c,m,t,s]: domestic market sales (output not stocked by BoLR) + imports +
    /// releases + private releases + transfers in − transfers out − replenishment purchases
    /// + Σ_k shortage = Σ_k demand. Purchases come out of the same market: a government
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

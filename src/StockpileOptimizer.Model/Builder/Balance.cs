using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>balance[c,m,t,s], kept for <see cref="Rebind"/> (demand moves its right-hand side).</summary>
    private Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Constraint> balanceRows = null!;

    /// <summary>
    /// balance[c,m,t,s]: domestic market sales (output not stocked by BoLR) + imports +
    /// releases + private releases + transfers in − transfers out + trade in − trade out −
    /// inputs drawn by producers' recipes − replenishment purchases + Σ_k shortage = Σ_k demand. Purchases come out of the same market: a government
    /// cannot buy during a halt what the market does not have.
    /// </summary>
    private void AddBalance()
    {
        balanceRows = new(d.Countries, d.Materials, d.Periods, d.Scenarios);
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                // Who trades (c,m), found once rather than by a scan per period and scenario:
                // wide instances have thousands of producers, import links and arcs.
                var producers = ProducersOf(c, m).ToArray();
                var imports = Enumerable.Range(0, d.Instance.Imports.Count)
                    .Where(i => d.ImportCountry[i] == c && d.ImportMaterial[i] == m).ToArray();
                var arcs = Enumerable.Range(0, d.Arcs.Count)
                    .Where(a => d.Arcs[a].Material == m && (d.Arcs[a].To == c || d.Arcs[a].From == c))
                    .Select(a => (Arc: a, Sign: d.Arcs[a].To == c ? 1.0 : -1.0)).ToArray();
                var trade = Enumerable.Range(0, d.Trade.Count)
                    .Where(l => d.Trade[l].Material == m && (d.Trade[l].To == c || d.Trade[l].From == c))
                    .Select(l => (Link: l, Sign: d.Trade[l].To == c ? 1.0 : -1.0)).ToArray();
                // Recipes: producers in c that draw m as an input, with tonnes of m per tonne of output.
                var draws = d.Producers.Where(p => d.ProducerCountry[p] == c)
                    .SelectMany(p => d.Inputs[p].Where(i => i.Material == m).Select(i => (Producer: p, i.Ratio))).ToArray();
                ForPeriodScenario((t, s) =>
                {
                    var demand = TotalDemand(c, m, t, s);
                    var row = balanceRows[c, m, t, s] = Row(demand, demand, "balance", d.Id(c), d.Id(m), d.Id(t), d.Id(s));
                    foreach (var p in producers)
                    {
                        row.SetCoefficient(Output[p, t, s], 1);
                        row.SetCoefficient(BolrStocked[p, t, s], -1);
                    }
                    foreach (var i in imports)
                    {
                        row.SetCoefficient(Import[i, t, s], 1);
                    }
                    row.SetCoefficient(Release[c, m, t, s], 1);
                    row.SetCoefficient(PrivateRelease[c, m, t, s], 1);
                    row.SetCoefficient(Purchase[c, m, t, s], -1);
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
                    foreach (var k in d.Sectors)
                    {
                        if (Shortage[c, m, k, t, s] is { } u)
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
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                ForPeriodScenario((t, s) =>
                {
                    var demand = TotalDemand(c, m, t, s);
                    balanceRows[c, m, t, s].SetBounds(demand, demand);
                });
            }
        }
    }

    private double TotalDemand(CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        var demand = 0.0;
        foreach (var k in d.Sectors)
        {
            demand += d.Demand[c, m, k, t, s];
        }
        return demand;
    }

    private IEnumerable<ProducerIndex> ProducersOf(CountryIndex c, MaterialIndex m) =>
        d.Producers.Where(p => d.ProducerCountry[p] == c && d.ProducerMaterial[p] == m);
}

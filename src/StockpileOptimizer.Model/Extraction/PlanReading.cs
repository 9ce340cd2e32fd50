using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Extraction;

/// <summary>The parts of the "why" that are read off the solution without a re-solve.</summary>
internal static class PlanReading
{
    private const double Noise = 1e-6;

    /// <summary>Expected floor payments and fee of each commitment, and the capacity it keeps open in price wars.</summary>
    public static IReadOnlyList<CommitmentWhy> Commitments(StockpileModel model, Solution solution)
    {
        var d = model.Data;
        var result = new List<CommitmentWhy>();
        foreach (var p in d.Producers)
        {
            var q = solution[model.Q[p]];
            var producer = d.Instance.Producers[p];
            double payments = 0;
            var kept = new List<CapacityKept>();
            foreach (var s in d.Scenarios)
            {
                var pi = d.Instance.Scenarios[s].Probability;
                var war = new List<string>();
                var backed = 0.0;
                foreach (var t in d.Periods)
                {
                    double bR = solution[model.BolrResold[p, t, s]], bS = solution[model.BolrStocked[p, t, s]];
                    payments += pi * (d.TopUpContracts
                        ? d.TopUp(p, t, s) * q
                        : Math.Max(0, producer.FloorPriceUsdPerTonne - d.Price[d.ProducerMaterial[p], t, s]) * bR + producer.FloorPriceUsdPerTonne * bS);
                    if (d.PriceWar[p, t, s])
                    {
                        war.Add(d.Id(t));
                        backed = Math.Max(backed, d.TopUpContracts ? q : bR + bS);
                    }
                }
                if (war.Count > 0 && backed > Noise)
                {
                    kept.Add(new CapacityKept(d.Id(s), war, backed));
                }
            }
            result.Add(new CommitmentWhy(d.Id(d.ProducerCountry[p]), d.Id(p), Clean(q), Clean(payments),
                Clean(d.H * producer.CommitmentFeeUsdPerTonnePeriod * q), kept));
        }
        return result;
    }

    /// <summary>
    /// Every (c,m) with demand and no shortage in any scenario, with the source that supplies
    /// most in the scenario of least import availability (the hardest test it passes).
    /// </summary>
    public static IReadOnlyList<NeverShort> NeverShort(StockpileModel model, Solution solution)
    {
        var d = model.Data;
        var result = new List<NeverShort>();
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                var sectors = d.Sectors.Where(k => d.HasDemand(c, m, k)).ToArray();
                if (sectors.Length == 0)
                {
                    continue;
                }
                var everShort = d.Scenarios.Any(s => d.Periods
                    .Any(t => sectors.Any(k => solution[model.Shortage[c, m, k, t, s]!] > Noise)));
                if (everShort)
                {
                    continue;
                }
                var imports = Enumerable.Range(0, d.ImportCountry.Length).Where(i => d.ImportCountry[i] == c && d.ImportMaterial[i] == m).ToArray();
                var hardest = d.Scenarios
                    .OrderBy(s => imports.Sum(i => d.Periods.Sum(t => d.ImportAvailability[i, t, s])))
                    .ThenBy(s => s).First();
                var supply = Supply(model, solution, c, m, hardest, imports);
                var top = supply.OrderByDescending(x => x.Tonnes).First();
                var reason = supply.Count(x => x.Tonnes > Noise) == 0 ? "no demand met from supply"
                    : supply.Where(x => x.Tonnes > Noise).Count() > 1 && top.Tonnes < 0.5 * supply.Sum(x => x.Tonnes) ? "mixed" : top.Source;
                var detail = $"in {d.Id(hardest)} (least import availability): "
                    + string.Join(", ", supply.Select(x => $"{x.Source} {x.Tonnes:0.#} t"));
                result.Add(new NeverShort(d.Id(c), d.Id(m), reason, detail));
            }
        }
        return result;
    }

    private static (string Source, double Tonnes)[] Supply(StockpileModel model, Solution solution, CountryIndex c, MaterialIndex m, ScenarioIndex s, int[] imports)
    {
        var d = model.Data;
        double fromImports = 0, production = 0, partners = 0, stock = 0;
        foreach (var t in d.Periods)
        {
            fromImports += imports.Sum(i => solution[model.Import[i, t, s]]);
            foreach (var p in d.Producers)
            {
                if (d.ProducerCountry[p] == c && d.ProducerMaterial[p] == m)
                {
                    production += solution[model.Output[p, t, s]] - solution[model.BolrStocked[p, t, s]];
                }
            }
            for (var a = 0; a < d.Arcs.Count; a++)
            {
                partners += d.Arcs[a].To == c && d.Arcs[a].Material == m ? solution[model.Transfer[a, t, s]] : 0;
            }
            for (var l = 0; l < d.Trade.Count; l++)
            {
                partners += d.Trade[l].To == c && d.Trade[l].Material == m ? solution[model.TradeFlow[l, t, s]] : 0;
            }
            stock += solution[model.Release[c, m, t, s]] + solution[model.PrivateRelease[c, m, t, s]];
        }
        // Solver noise of −1e-12 t is 0 t, not "-0 t".
        return [("imports", Clean(Math.Max(0, fromImports))), ("production", Clean(Math.Max(0, production))),
            ("partners", Clean(Math.Max(0, partners))), ("stock", Clean(Math.Max(0, stock)))];
    }

    private static double Clean(double value) => Math.Abs(value) < 1e-9 ? 0 : value;
}

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
        for (var p = 0; p < d.P; p++)
        {
            var q = solution[model.Q[p]];
            var producer = d.Instance.Producers[p];
            double payments = 0;
            var kept = new List<CapacityKept>();
            for (var s = 0; s < d.S; s++)
            {
                var pi = d.Instance.Scenarios[s].Probability;
                var war = new List<string>();
                var backed = 0.0;
                for (var t = 0; t < d.H; t++)
                {
                    double bR = solution[model.BolrResold[p, t, s]], bS = solution[model.BolrStocked[p, t, s]];
                    payments += pi * (d.TopUpContracts
                        ? d.TopUp(p, t, s) * q
                        : Math.Max(0, producer.FloorPriceUsdPerTonne - d.Price[d.ProducerMaterial[p], t, s]) * bR + producer.FloorPriceUsdPerTonne * bS);
                    if (d.PriceWar[p, t, s])
                    {
                        war.Add(d.Period(t));
                        backed = Math.Max(backed, d.TopUpContracts ? q : bR + bS);
                    }
                }
                if (war.Count > 0 && backed > Noise)
                {
                    kept.Add(new CapacityKept(d.ScenarioId(s), war, backed));
                }
            }
            result.Add(new CommitmentWhy(d.CountryId(d.ProducerCountry[p]), d.ProducerId(p), Clean(q), Clean(payments),
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
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                var sectors = Enumerable.Range(0, d.K).Where(k => d.HasDemand(c, m, k)).ToArray();
                if (sectors.Length == 0)
                {
                    continue;
                }
                var everShort = Enumerable.Range(0, d.S).Any(s => Enumerable.Range(0, d.H)
                    .Any(t => sectors.Any(k => solution[model.Shortage[c, m, k, t, s]!] > Noise)));
                if (everShort)
                {
                    continue;
                }
                var imports = Enumerable.Range(0, d.ImportCountry.Length).Where(i => d.ImportCountry[i] == c && d.ImportMaterial[i] == m).ToArray();
                var hardest = Enumerable.Range(0, d.S)
                    .OrderBy(s => imports.Sum(i => Enumerable.Range(0, d.H).Sum(t => d.ImportAvailability[i, t, s])))
                    .ThenBy(s => s).First();
                var supply = Supply(model, solution, c, m, hardest, imports);
                var top = supply.OrderByDescending(x => x.Tonnes).First();
                var reason = supply.Count(x => x.Tonnes > Noise) == 0 ? "no demand met from supply"
                    : supply.Where(x => x.Tonnes > Noise).Count() > 1 && top.Tonnes < 0.5 * supply.Sum(x => x.Tonnes) ? "mixed" : top.Source;
                var detail = $"in {d.ScenarioId(hardest)} (least import availability): "
                    + string.Join(", ", supply.Select(x => $"{x.Source} {x.Tonnes:0.#} t"));
                result.Add(new NeverShort(d.CountryId(c), d.MaterialId(m), reason, detail));
            }
        }
        return result;
    }

    private static (string Source, double Tonnes)[] Supply(StockpileModel model, Solution solution, int c, int m, int s, int[] imports)
    {
        var d = model.Data;
        double fromImports = 0, production = 0, partners = 0, stock = 0;
        for (var t = 0; t < d.H; t++)
        {
            fromImports += imports.Sum(i => solution[model.Import[i, t, s]]);
            for (var p = 0; p < d.P; p++)
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

using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Extraction;

/// <summary>Integer decisions of a solution, to fix them in the LP for shadow prices.</summary>
internal sealed record FixedIntegers(double[]?[,] Tiers, double[] Builds);

/// <summary>Reads the solution of a solved <see cref="StockpileModel"/> into the result types (USD and tonnes).</summary>
internal static class ResultExtractor
{
    /// <summary>Solver noise below this (tonnes or USD) is reported as zero.</summary>
    private const double Zero = 1e-9;

    public static FixedIntegers IntegerValues(StockpileModel model, Solution solution)
    {
        var d = model.Data;
        var tiers = new double[]?[d.C, d.M];
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                tiers[c, m] = model.Y[c, m]?.Select(y => Math.Round(solution[y])).ToArray();
            }
        }
        return new FixedIntegers(tiers, model.Z.Select(z => Math.Round(solution[z])).ToArray());
    }

    public static SolveResult Extract(StockpileModel model, Solution solution, SolveResult result)
    {
        var d = model.Data;
        var scenarios = d.Scenarios.Select(s => ScenarioPathOf(model, solution, s)).ToArray();
        return result with
        {
            Solver = result.Solver with { TieBreakUsd = model.TieBreakTerms().Sum(term => term.Usd * solution[term.Variable]) },
            Policy = PolicyOf(model, solution),
            Scenarios = scenarios,
            Kpis = KpiCalculator.Compute(model, solution, scenarios),
        };
    }

    private static double Clean(double value) => Math.Abs(value) < Zero ? 0 : value;

    internal static Domain.Policy PolicyOf(StockpileModel model, Solution solution)
    {
        var d = model.Data;
        var stockpiles = new List<StockpileTarget>();
        var tiers = new List<TierChoice>();
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                var tonnes = Clean(solution[model.X[c, m]]);
                var held = d.GovernmentHoldings[c, m];
                var perMonth = d.DemandPerMonth[c, m];
                stockpiles.Add(new StockpileTarget(d.Id(c), d.Id(m), tonnes, perMonth > 0 ? (held + tonnes) / perMonth : 0)
                {
                    ExistingTonnes = held,
                });
                if (model.Y[c, m] is { } y)
                {
                    var l = Array.FindIndex(y, v => solution[v] > 0.5);
                    var tier = d.Instance.Tiers[l];
                    var induced = d.Instance.PrivateStock[d.PrivateResponse[c, m]].TonnesByTier[l];
                    tiers.Add(new TierChoice(d.Id(c), d.Id(m), tier.Id, tier.Rate, induced));
                }
            }
        }
        var commitments = d.Producers.Select(p => new BolrCommitment(
            d.Id(d.ProducerCountry[p]), d.Id(p), Clean(solution[model.Q[p]]))).ToArray();
        var investments = d.Investments.Select(g => new InvestmentDecision(
            d.Instance.Investments[g].Id,
            solution[model.Z[g]] > 0.5,
            d.Payers[g].Select((payer, j) => new CountryAmount(d.Id(payer.Country), Clean(solution[model.W[g][j]]) / d.MoneyScale)).ToArray()))
            .ToArray();
        return new Domain.Policy { Stockpiles = stockpiles, Tiers = tiers, Commitments = commitments, Investments = investments };
    }

    /// <summary>Scenario s of the solution: its paths, shortages, fiscal cost and total cost (outlay plus damage), in USD and tonnes.</summary>
    public static ScenarioPath ScenarioPathOf(StockpileModel model, Solution solution, ScenarioIndex s)
    {
        var d = model.Data;
        var materials = new List<MaterialPath>();
        var shortages = new List<ShortagePath>();
        var built = model.Z.Select(z => Math.Round(solution[z])).ToArray();
        var shortageTonnes = 0.0;
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                materials.Add(new MaterialPath(d.Id(c), d.Id(m),
                    Series(d, solution, t => model.Inventory[c, m, t, s]),
                    Series(d, solution, t => model.Release[c, m, t, s]),
                    Series(d, solution, t => model.Purchase[c, m, t, s]),
                    Series(d, solution, t => model.PrivateRelease[c, m, t, s]))
                {
                    ReleaseAllowed = d.Periods.Select(t => d.ReleaseLimitWith(built, c, m, t, s) > 0).ToArray(),
                    ReleaseLimit = d.Periods.Select(t => d.ReleaseLimitWith(built, c, m, t, s)).ToArray(),
                });
                foreach (var k in d.Sectors)
                {
                    if (!d.HasDemand(c, m, k))
                    {
                        continue;
                    }
                    var tonnes = Series(d, solution, t => model.Shortage[c, m, k, t, s]!);
                    shortages.Add(new ShortagePath(d.Id(c), d.Id(m), d.Id(k), tonnes));
                    shortageTonnes += tonnes.Sum();
                }
            }
        }
        var producers = d.Producers.Select(p => new ProducerPath(d.Id(p),
            Series(d, solution, t => model.Capacity[p, t, s]),
            Series(d, solution, t => model.Output[p, t, s]),
            Series(d, solution, t => model.BolrResold[p, t, s]),
            Series(d, solution, t => model.BolrStocked[p, t, s]))).ToArray();
        var imports = d.Instance.Imports.Select((link, i) => new ImportPath(link.Country, link.Material, link.Source,
            Series(d, solution, t => model.Import[i, t, s]))).ToArray();
        var transfers = d.Arcs.Select((arc, a) => new TransferPath(d.Id(arc.From), d.Id(arc.To),
            d.Id(arc.Material), Series(d, solution, t => model.Transfer[a, t, s]))).ToArray();
        var trade = d.Trade.Select((link, l) => new TradePath(d.Id(link.From), d.Id(link.To),
            d.Id(link.Material), Series(d, solution, t => model.TradeFlow[l, t, s]),
            d.Periods.Select(t => d.TradeTariff[l, t, s]).ToArray())).ToArray();
        var fiscal = d.Countries.Select(c =>
            new CountryAmount(d.Id(c), solution[model.Fiscal[c, s]] / d.MoneyScale)).ToArray();
        // L_s = Σ_c F[c,s] + the loss's other terms (damage; v2: terminal value, users' premium, duty).
        var rest = 0.0;
        foreach (var c in d.Countries)
        {
            foreach (var (variable, usd, _) in model.LossOnlyTerms(c, s))
            {
                rest += usd * solution[variable];
            }
        }
        return new ScenarioPath
        {
            Scenario = d.Id(s),
            Probability = d.Instance.Scenarios[s].Probability,
            CostUsd = fiscal.Sum(f => f.Usd) + rest,
            ShortageTonnes = shortageTonnes,
            Materials = materials,
            Producers = producers,
            Imports = imports,
            Shortages = shortages,
            Transfers = transfers,
            Trade = trade,
            FiscalCost = fiscal,
        };
    }

    private static double[] Series(ModelData d, Solution solution, Func<PeriodIndex, Variable> variable) =>
        d.Periods.Select(t => Clean(solution[variable(t)])).ToArray();
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Extraction;

/// <summary>KPIs of a solved model: expected cost by component, shortage risk, budget use.</summary>
internal static class KpiCalculator
{
    public static Kpis Compute(StockpileModel model, Solution solution, IReadOnlyList<ScenarioPath> scenarios)
    {
        var d = model.Data;
        var alpha = d.Instance.Policy.CvarAlpha;
        var probabilities = scenarios.Select(s => s.Probability).ToArray();
        var components = CostComponents.All.ToDictionary(c => c, _ => 0.0);
        foreach (var s in d.Scenarios)
        {
            var pi = probabilities[s];
            foreach (var c in d.Countries)
            {
                foreach (var (variable, usd, component) in model.OutlayTerms(c, s).Concat(model.LossOnlyTerms(c, s)))
                {
                    components[component] += pi * usd * solution[variable];
                }
            }
        }
        var budgetUse = d.Countries.Select(c =>
        {
            var outlays = scenarios.Select(s => s.FiscalCost[c].Usd).ToArray();
            return new BudgetUse(d.Id(c), d.Instance.Countries[c].BudgetUsd,
                outlays.Select((o, s) => probabilities[s] * o).Sum(), outlays.Max());
        }).ToArray();
        return new Kpis
        {
            ExpectedCostUsd = scenarios.Sum(s => s.Probability * s.CostUsd),
            ExpectedCostByComponent = CostComponents.All.Select(c => new CostComponent(c, components[c])).ToArray(),
            ExpectedShortageTonnes = scenarios.Sum(s => s.Probability * s.ShortageTonnes),
            CvarShortageTonnes = RiskMeasures.Cvar(scenarios.Select(s => s.ShortageTonnes).ToArray(), probabilities, alpha),
            CvarCostUsd = RiskMeasures.Cvar(scenarios.Select(s => s.CostUsd).ToArray(), probabilities, alpha),
            BudgetUse = budgetUse,
            ExpectedTariffRevenue = TariffRevenue(model, solution),
        };
    }

    /// <summary>Σ_s π_s of the duty τ·P on trade and non-exempt transfers into each country, whatever the cost view.</summary>
    private static CountryAmount[] TariffRevenue(StockpileModel model, Solution solution)
    {
        var d = model.Data;
        var revenue = new double[d.C];
        foreach (var s in d.Scenarios)
        {
            var pi = d.Instance.Scenarios[s].Probability;
            foreach (var t in d.Periods)
            {
                for (var l = 0; l < d.Trade.Count; l++)
                {
                    revenue[d.Trade[l].To] += pi * d.TradeTariff[l, t, s] * d.Price[d.Trade[l].Material, t, s] * solution[model.TradeFlow[l, t, s]];
                }
                for (var a = 0; a < d.Arcs.Count; a++)
                {
                    revenue[d.Arcs[a].To] += pi * d.ArcTariff[a, t, s] * d.Price[d.Arcs[a].Material, t, s] * solution[model.Transfer[a, t, s]];
                }
            }
        }
        return d.Countries.Select(c => new CountryAmount(d.Id(c), revenue[c])).ToArray();
    }
}

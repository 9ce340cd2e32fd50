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
        for (var s = 0; s < d.S; s++)
        {
            var pi = probabilities[s];
            for (var c = 0; c < d.C; c++)
            {
                foreach (var (variable, usd, component) in model.OutlayTerms(c, s))
                {
                    components[component] += pi * usd * solution[variable];
                }
            }
            var damage = scenarios[s].CostUsd - scenarios[s].FiscalCost.Sum(f => f.Usd);
            components[CostComponents.ShortageDamage] += pi * damage;
        }
        var budgetUse = Enumerable.Range(0, d.C).Select(c =>
        {
            var outlays = scenarios.Select(s => s.FiscalCost[c].Usd).ToArray();
            return new BudgetUse(d.CountryId(c), d.Instance.Countries[c].BudgetUsd,
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
        };
    }
}

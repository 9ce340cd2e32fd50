using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// min Σ_s π_s L_s + λ·(η + Σ_s π_s ν_s / (1 − α)) (per country and summed in INDEPENDENT
    /// mode), plus the tie-breaking penalty when it is on. In an elastic re-solve the objective
    /// is the priced slack instead.
    /// </summary>
    private void AddObjective()
    {
        var objective = solver.Objective();
        objective.SetMinimization();
        if (elastic is not null)
        {
            foreach (var slack in slacks)
            {
                objective.SetCoefficient(slack.Variable, elastic.Priced ? slack.UsdPerUnit * MoneyScale : 1);
            }
            return;
        }
        var coefficients = new Dictionary<Variable, double>(ReferenceEqualityComparer.Instance);
        foreach (var s in d.Scenarios)
        {
            var pi = d.Instance.Scenarios[s].Probability;
            foreach (var c in d.Countries)
            {
                AddLoss(coefficients, c, s, pi);
            }
        }
        AddTieBreak(coefficients);
        foreach (var (variable, coefficient) in coefficients)
        {
            objective.SetCoefficient(variable, coefficient);
        }
        var lambda = d.Instance.Policy.RiskWeight;
        var alpha = d.Instance.Policy.CvarAlpha;
        for (var g = 0; g < Eta.Length; g++)
        {
            objective.SetCoefficient(Eta[g], lambda);
            foreach (var s in d.Scenarios)
            {
                objective.SetCoefficient(Nu[g, s], lambda * d.Instance.Scenarios[s].Probability / (1 - alpha));
            }
        }
    }

    /// <summary>
    /// Tie-breaking (model v2): ε[m] = 1e-4·price per tonne held (x), and, weighted by π_s, per
    /// tonne transferred, traded, imported or released. Among equally cheap plans it picks the
    /// one a planner would sign: each country holds for its own demand, no two-way flows or
    /// buy-and-release in one period, domestic output before imports, the least stock.
    /// </summary>
    private void AddTieBreak(Dictionary<Variable, double> into)
    {
        foreach (var (variable, usd) in TieBreakTerms())
        {
            into[variable] = into.GetValueOrDefault(variable) + usd * MoneyScale;
        }
    }

    /// <summary>The tie-breaking penalty as (variable, USD per unit) terms, probability-weighted; none when it is off.</summary>
    internal IEnumerable<(Variable Variable, double Usd)> TieBreakTerms()
    {
        if (!d.Economics.TieBreaking)
        {
            yield break;
        }
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                yield return (X[c, m], d.TieBreak(m));
            }
        }
        foreach (var s in d.Scenarios)
        {
            var pi = d.Instance.Scenarios[s].Probability;
            foreach (var t in d.Periods)
            {
                foreach (var c in d.Countries)
                {
                    foreach (var m in d.Materials)
                    {
                        yield return (Release[c, m, t, s], pi * d.TieBreak(m));
                    }
                }
                for (var a = 0; a < d.Arcs.Count; a++)
                {
                    yield return (Transfer[a, t, s], pi * d.TieBreak(d.Arcs[a].Material));
                }
                for (var l = 0; l < d.Trade.Count; l++)
                {
                    yield return (TradeFlow[l, t, s], pi * d.TieBreak(d.Trade[l].Material));
                }
                for (var i = 0; i < d.ImportCountry.Length; i++)
                {
                    yield return (Import[i, t, s], pi * d.TieBreak(d.ImportMaterial[i]));
                }
            }
        }
    }

    /// <summary>A scenario's prices move the economy view's loss terms: the objective is set again.</summary>
    private void RebindObjective()
    {
        solver.Objective().Clear();
        AddObjective();
    }
}

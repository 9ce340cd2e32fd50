namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// min Σ_s π_s L_s + λ·(η + Σ_s π_s ν_s / (1 − α)) (per country and summed in INDEPENDENT
    /// mode). In an elastic re-solve the objective is the priced slack instead.
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
        for (var s = 0; s < d.S; s++)
        {
            var pi = d.Instance.Scenarios[s].Probability;
            for (var c = 0; c < d.C; c++)
            {
                foreach (var (variable, coefficient) in LossTerms(c, s))
                {
                    objective.SetCoefficient(variable, objective.GetCoefficient(variable) + pi * coefficient);
                }
            }
        }
        var lambda = d.Instance.Policy.RiskWeight;
        var alpha = d.Instance.Policy.CvarAlpha;
        for (var g = 0; g < Eta.Length; g++)
        {
            objective.SetCoefficient(Eta[g], lambda);
            for (var s = 0; s < d.S; s++)
            {
                objective.SetCoefficient(Nu[g, s], lambda * d.Instance.Scenarios[s].Probability / (1 - alpha));
            }
        }
    }
}

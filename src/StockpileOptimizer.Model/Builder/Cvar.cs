using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>η per CVaR group (one for JOINT, one per country for INDEPENDENT); empty when λ = 0.</summary>
    public Variable[] Eta { get; private set; } = [];
    /// <summary>ν[group, s] ≥ 0.</summary>
    public Variable[,] Nu { get; private set; } = new Variable[0, 0];

    /// <summary>
    /// cvar[s] (JOINT) or cvar[c,s] (INDEPENDENT): ν ≥ L − η, ν ≥ 0. Built only when λ > 0;
    /// with λ = 0 the CVaR term is absent from the objective.
    /// </summary>
    private void AddCvar()
    {
        if (d.Instance.Policy.RiskWeight <= 0)
        {
            return;
        }
        var groups = CvarGroups();
        Eta = groups.Select(g => NewVariable(double.NegativeInfinity, double.PositiveInfinity,
            g.Label is null ? "var" : Name("var", g.Label))).ToArray();
        Nu = new Variable[groups.Length, d.S];
        for (var gi = 0; gi < groups.Length; gi++)
        {
            for (var s = 0; s < d.S; s++)
            {
                var index = groups[gi].Label is null ? [d.ScenarioId(s)] : new[] { groups[gi].Label!, d.ScenarioId(s) };
                Nu[gi, s] = NewVariable(0, double.PositiveInfinity, Name("excess", index));
                var row = Row(0, double.PositiveInfinity, "cvar", index);
                row.SetCoefficient(Nu[gi, s], 1);
                row.SetCoefficient(Eta[gi], 1);
                foreach (var c in groups[gi].Countries)
                {
                    foreach (var (variable, coefficient) in LossTerms(c, s))
                    {
                        row.SetCoefficient(variable, -coefficient);
                    }
                }
            }
        }
    }

    private (string? Label, int[] Countries)[] CvarGroups() =>
        d.Mode == CooperationMode.Joint
            ? [(null, Enumerable.Range(0, d.C).ToArray())]
            : Enumerable.Range(0, d.C).Select(c => ((string?)d.CountryId(c), new[] { c })).ToArray();

    /// <summary>L[c,s] in millions of USD: outlay plus shortage damage.</summary>
    private IEnumerable<(Variable Variable, double Coefficient)> LossTerms(int c, int s)
    {
        yield return (Fiscal[c, s], 1);
        for (var m = 0; m < d.M; m++)
        {
            for (var k = 0; k < d.K; k++)
            {
                if (!d.HasDemand(c, m, k))
                {
                    continue;
                }
                for (var t = 0; t < d.H; t++)
                {
                    yield return (Shortage[c, m, k, t, s]!, d.Damage[c, m, k] * MoneyScale);
                }
            }
        }
    }
}

using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// Hands a previous policy to the MIP solver as a partial starting solution (MPSolver.SetHint
/// on the first-stage variables only: stockpiles, tiers, commitments, builds). SCIP completes
/// a partial hint with its completesol heuristic; solvers that ignore hints (CBC through
/// OR-Tools) just solve from scratch. A hint never changes the optimum, only how fast it is
/// found. Entries naming ids the instance does not have are skipped: a hint is advice.
/// </summary>
internal static class Hinting
{
    public static void Apply(StockpileModel model, Domain.Policy hint)
    {
        var d = model.Data;
        var variables = new List<Variable>();
        var values = new List<double>();
        void Add(Variable variable, double value)
        {
            variables.Add(variable);
            values.Add(value);
        }

        var countries = Index(d.Instance.Countries.Select(c => c.Id));
        var materials = Index(d.Instance.Materials.Select(m => m.Id));
        foreach (var s in hint.Stockpiles)
        {
            if (countries.TryGetValue(s.Country, out var c) && materials.TryGetValue(s.Material, out var m))
            {
                Add(model.X[c, m], s.Tonnes);
            }
        }
        var tiers = Index(d.Instance.Tiers.Select(t => t.Id));
        foreach (var t in hint.Tiers)
        {
            if (countries.TryGetValue(t.Country, out var c) && materials.TryGetValue(t.Material, out var m)
                && tiers.TryGetValue(t.Tier, out var chosen) && model.Y[c, m] is { } y)
            {
                for (var l = 0; l < y.Length; l++)
                {
                    Add(y[l], l == chosen ? 1 : 0);
                }
            }
        }
        var producers = Index(d.Instance.Producers.Select(p => p.Id));
        foreach (var commitment in hint.Commitments)
        {
            if (producers.TryGetValue(commitment.Producer, out var p))
            {
                Add(model.Q[p], Math.Min(commitment.TonnesPerPeriod, d.Instance.Producers[p].MaxCommitmentTonnesPerPeriod));
            }
        }
        var investments = Index(d.Instance.Investments.Select(g => g.Id));
        foreach (var decision in hint.Investments)
        {
            if (investments.TryGetValue(decision.Investment, out var g))
            {
                Add(model.Z[g], decision.Build ? 1 : 0);
            }
        }
        if (variables.Count > 0)
        {
            model.Solver.SetHint(variables.ToArray(), values.ToArray());
        }
    }

    private static Dictionary<string, int> Index(IEnumerable<string> ids) =>
        ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
}

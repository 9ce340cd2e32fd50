using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// Fixes the first-stage decisions of a built model at a given policy, so that a solve only
/// chooses the recourse: the basis of out-of-sample evaluation, VSS and "what does this plan
/// cost here" questions. Missing entries mean zero stock, tier rate 0, no commitment, not
/// built; cost shares of a built investment stay free within their bounds.
/// </summary>
internal static class PolicyFixer
{
    public static IReadOnlyList<Violation> Validate(StockpileInstance instance, Domain.Policy policy)
    {
        var violations = new List<Violation>();
        var countries = instance.Countries.Select(c => c.Id).ToHashSet();
        var materials = instance.Materials.Select(m => m.Id).ToHashSet();
        for (var i = 0; i < policy.Stockpiles.Count; i++)
        {
            var s = policy.Stockpiles[i];
            Known(violations, countries, s.Country, $"fixedPolicy.stockpiles[{i}].country");
            Known(violations, materials, s.Material, $"fixedPolicy.stockpiles[{i}].material");
            if (!(s.Tonnes >= 0) || double.IsInfinity(s.Tonnes))
            {
                violations.Add(new Violation($"fixedPolicy.stockpiles[{i}].tonnes", $"fixedPolicy.stockpiles[{i}].tonnes must be a finite number ≥ 0 (got {s.Tonnes})"));
            }
        }
        var tiers = instance.Tiers.Select(t => t.Id).ToHashSet();
        for (var i = 0; i < policy.Tiers.Count; i++)
        {
            var t = policy.Tiers[i];
            Known(violations, countries, t.Country, $"fixedPolicy.tiers[{i}].country");
            Known(violations, materials, t.Material, $"fixedPolicy.tiers[{i}].material");
            Known(violations, tiers, t.Tier, $"fixedPolicy.tiers[{i}].tier");
        }
        var producers = instance.Producers.Select(p => p.Id).ToHashSet();
        for (var i = 0; i < policy.Commitments.Count; i++)
        {
            var c = policy.Commitments[i];
            Known(violations, producers, c.Producer, $"fixedPolicy.commitments[{i}].producer");
            if (!(c.TonnesPerPeriod >= 0) || double.IsInfinity(c.TonnesPerPeriod))
            {
                violations.Add(new Violation($"fixedPolicy.commitments[{i}].tonnesPerPeriod", $"fixedPolicy.commitments[{i}].tonnesPerPeriod must be a finite number ≥ 0 (got {c.TonnesPerPeriod})"));
            }
        }
        var investments = instance.Investments.Select(g => g.Id).ToHashSet();
        for (var i = 0; i < policy.Investments.Count; i++)
        {
            Known(violations, investments, policy.Investments[i].Investment, $"fixedPolicy.investments[{i}].investment");
        }
        return violations;
    }

    public static void Fix(StockpileModel model, Domain.Policy policy)
    {
        foreach (var (variable, value) in Values(model, policy))
        {
            variable.SetBounds(value, value);
        }
    }

    /// <summary>
    /// The policy's value of each fixed first-stage column (x, y, q, z) of the model, read as
    /// <see cref="Fix"/> fixes them; cost shares w and η are not among them.
    /// </summary>
    public static Dictionary<Variable, double> Values(StockpileModel model, Domain.Policy policy)
    {
        var d = model.Data;
        var values = new Dictionary<Variable, double>(ReferenceEqualityComparer.Instance);
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                values[model.X[c, m]] = policy.Stockpiles.FirstOrDefault(s => s.Country == d.Id(c) && s.Material == d.Id(m))?.Tonnes ?? 0;
                if (model.Y[c, m] is not { } y)
                {
                    continue;
                }
                var chosen = policy.Tiers.FirstOrDefault(t => t.Country == d.Id(c) && t.Material == d.Id(m))?.Tier;
                var index = chosen is null ? ZeroTier(d) : d.Instance.Tiers.ToList().FindIndex(t => t.Id == chosen);
                for (var l = 0; l < y.Length; l++)
                {
                    values[y[l]] = l == index ? 1 : 0;
                }
            }
        }
        foreach (var p in d.Producers)
        {
            var committed = policy.Commitments.FirstOrDefault(c => c.Producer == d.Id(p))?.TonnesPerPeriod ?? 0;
            // A commitment above what the producer would sign is capped at that maximum; one below
            // a commitment already signed is raised to it (a signed contract is not the plan's to drop).
            var producer = d.Instance.Producers[p];
            values[model.Q[p]] = Math.Min(Math.Max(committed, producer.SignedCommitmentTonnesPerPeriod), producer.MaxCommitmentTonnesPerPeriod);
        }
        foreach (var g in d.Investments)
        {
            var build = policy.Investments.FirstOrDefault(i => i.Investment == d.Instance.Investments[g].Id)?.Build ?? false;
            values[model.Z[g]] = build ? 1 : 0;
        }
        return values;
    }

    private static int ZeroTier(ModelData d) => d.Instance.Tiers.ToList().FindIndex(t => t.Rate == 0);

    private static void Known(List<Violation> violations, HashSet<string> known, string id, string path)
    {
        if (!known.Contains(id))
        {
            violations.Add(new Violation(path, $"{path} names unknown id \"{id}\""));
        }
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// A plan as a first-stage point, and its value sample by sample: the SAA objective's terms
/// V_s(x, η) (docs/sampling.md), which average to the objective of the plan on those samples.
/// </summary>
internal static class PlanPoints
{
    /// <summary>
    /// The point of <paramref name="policy"/> (as PolicyFixer reads a policy: missing entries are
    /// zero, tier rate 0, not built; a commitment clamped between the signed one and the maximum)
    /// with η at <paramref name="eta"/> (one per CVaR group; empty when λ = 0).
    /// </summary>
    public static double[] Of(StockpileInstance instance, Domain.Policy policy, IReadOnlyList<double> eta)
    {
        using var solver = Solving.SolverFactory.CreateLp();
        var data = new ModelData(instance with { Scenarios = [instance.Scenarios[0] with { Probability = 1 }] }, instance.Policy.Mode);
        var model = StockpileModel.BuildFirstStage(data, solver);
        var value = new Dictionary<Google.OrTools.LinearSolver.Variable, double>(ReferenceEqualityComparer.Instance);
        var d = model.Data;
        var zeroTier = instance.Tiers.ToList().FindIndex(t => t.Rate == 0);
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                value[model.X[c, m]] = policy.Stockpiles.FirstOrDefault(s => s.Country == d.CountryId(c) && s.Material == d.MaterialId(m))?.Tonnes ?? 0;
                if (model.Y[c, m] is { } y)
                {
                    var chosen = policy.Tiers.FirstOrDefault(t => t.Country == d.CountryId(c) && t.Material == d.MaterialId(m))?.Tier;
                    var index = chosen is null ? zeroTier : instance.Tiers.ToList().FindIndex(t => t.Id == chosen);
                    for (var l = 0; l < y.Length; l++)
                    {
                        value[y[l]] = l == index ? 1 : 0;
                    }
                }
            }
        }
        for (var p = 0; p < d.P; p++)
        {
            var producer = instance.Producers[p];
            var committed = policy.Commitments.FirstOrDefault(c => c.Producer == producer.Id)?.TonnesPerPeriod ?? 0;
            value[model.Q[p]] = Math.Min(Math.Max(committed, producer.SignedCommitmentTonnesPerPeriod), producer.MaxCommitmentTonnesPerPeriod);
        }
        for (var g = 0; g < d.G; g++)
        {
            var decision = policy.Investments.FirstOrDefault(i => i.Investment == instance.Investments[g].Id);
            value[model.Z[g]] = decision?.Build == true ? 1 : 0;
            for (var j = 0; j < d.Payers[g].Count; j++)
            {
                var country = d.CountryId(d.Payers[g][j].Country);
                value[model.W[g][j]] = (decision?.CostShares.FirstOrDefault(a => a.Country == country)?.Usd ?? 0) * d.MoneyScale;
            }
        }
        if (eta.Count != model.Eta.Length)
        {
            throw new ArgumentException($"the instance has {model.Eta.Length} CVaR groups, not {eta.Count}", nameof(eta));
        }
        for (var g = 0; g < model.Eta.Length; g++)
        {
            value[model.Eta[g]] = eta[g] * d.MoneyScale;
        }
        return new FirstStageLayout(model).Columns.Select(v => value[v]).ToArray();
    }

    /// <summary>η columns of the instance's points: none when λ = 0, one in JOINT mode, one per country in INDEPENDENT mode (Builder/Cvar.cs).</summary>
    public static int CvarGroups(StockpileInstance instance) =>
        instance.Policy.RiskWeight <= 0 ? 0 : instance.Policy.Mode == CooperationMode.Joint ? 1 : instance.Countries.Count;

    /// <summary>Samples per batch at most (as a decomposition's).</summary>
    private const int MaxBatch = 250;

    /// <summary>V_s at the point for every sample (USD), null where the sample has no recourse at it.</summary>
    public static async Task<SampleValues> EvaluateAsync(
        StockpileInstance instance, IReadOnlyList<Scenario> samples, double[] point, ISolveFarm farm, CancellationToken cancel)
    {
        var scale = new ModelData(instance with { Scenarios = [samples[0] with { Probability = 1 }] }, instance.Policy.Mode).MoneyScale;
        var id = Guid.NewGuid().ToString("N");
        var batches = BatchWork.Split(id, instance, samples, farm.Parallelism, MaxBatch);
        try
        {
            var answers = await Task.WhenAll(batches.Select(b => farm.SolveAsync(b.Work, point, cancel))).ConfigureAwait(false);
            var values = new double?[samples.Count];
            var messages = new List<string>();
            for (var b = 0; b < batches.Length; b++)
            {
                foreach (var answer in answers[b].Scenarios)
                {
                    values[batches[b].First + answer.Scenario] = answer.Status == SubproblemStatus.Optimal ? answer.Value / scale : null;
                    if (answer.Status != SubproblemStatus.Optimal)
                    {
                        messages.Add(answer.Message);
                    }
                }
            }
            return new SampleValues(values, messages);
        }
        finally
        {
            await farm.ReleaseAsync(id, batches.Length).ConfigureAwait(false);
        }
    }
}

/// <summary>Per-sample values in USD (null: no recourse at the point, or not solved) and why not.</summary>
internal sealed record SampleValues(IReadOnlyList<double?> Values, IReadOnlyList<string> Messages);

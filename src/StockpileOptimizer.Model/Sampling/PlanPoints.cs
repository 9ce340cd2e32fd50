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
        var value = Solving.PolicyFixer.Values(model, policy);
        var d = model.Data;
        for (var g = 0; g < d.G; g++)
        {
            var decision = policy.Investments.FirstOrDefault(i => i.Investment == instance.Investments[g].Id);
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

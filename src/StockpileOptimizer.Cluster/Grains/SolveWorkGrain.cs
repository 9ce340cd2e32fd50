using System.Text.Json;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>Runs one piece of work and goes (no state is kept: a repeated call does the same work again).</summary>
[BatchSpreadPlacement]
internal sealed class SolveWorkGrain : Grain, ISolveWorkGrain
{
    public async Task<string> Evaluate(string batchJson, string optionsJson, CancellationToken cancel)
    {
        var (problem, index) = BatchKey.Parse(this.GetPrimaryKeyString());
        var work = BatchWork.FromJson(problem, index, batchJson);
        var options = Read<SolveOptions>(optionsJson);
        var outcomes = await Task.Run(() => LocalSolveFarm.Evaluate(work, options, cancel), CancellationToken.None).ConfigureAwait(true);
        DeactivateOnIdle();
        return JsonSerializer.Serialize(outcomes, InstanceJson.Options);
    }

    public async Task<string> Solve(string instanceJson, string optionsJson, CancellationToken cancel)
    {
        var instance = InstanceJson.Parse(instanceJson);
        var options = Read<SolveOptions>(optionsJson);
        var result = await Task.Run(() => StockpileSolver.Solve(instance, options, cancel), CancellationToken.None).ConfigureAwait(true);
        DeactivateOnIdle();
        return JsonSerializer.Serialize(result, InstanceJson.Options);
    }

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, InstanceJson.Options) ?? throw new ArgumentException($"empty {typeof(T).Name}");
}

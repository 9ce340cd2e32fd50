using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// A decomposition's traffic without the master: the batches of one sampled problem, solved
/// iteration after iteration at a fixed list of first-stage points, every batch of an iteration
/// at once, as a Benders loop sends them. Runs on any <see cref="ISolveFarm"/>, so the same
/// workload can be timed or compared on the in-process farm and on 1, 2 or 3 silos.
/// </summary>
public sealed class FarmWorkload
{
    private FarmWorkload(string problemId, IReadOnlyList<BatchWork> batches, IReadOnlyList<double[]?> points)
    {
        ProblemId = problemId;
        Batches = batches;
        Points = points;
    }

    public string ProblemId { get; }

    public IReadOnlyList<BatchWork> Batches { get; }

    /// <summary>The point of each iteration (null: wait-and-see bounds).</summary>
    public IReadOnlyList<double[]?> Points { get; }

    /// <summary>
    /// <paramref name="samples"/> futures of the default instance (seed <paramref name="seed"/>)
    /// in <paramref name="batches"/> contiguous batches, solved at: no point (wait-and-see), the
    /// zero first stage, every column at 1 (tier rows broken: no recourse), every column at 0.5.
    /// </summary>
    public static FarmWorkload DefaultInstance(string problemId, int samples, int batches, int seed = 7)
    {
        var instance = InstanceJson.Default();
        var sampled = ScenarioGenerator.WithScenarios(instance, ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, samples, seed));
        ValidatedInstance.Require(sampled);
        var works = Enumerable.Range(0, batches).Select(b =>
        {
            var from = b * samples / batches;
            var to = (b + 1) * samples / batches;
            return new BatchWork
            {
                ProblemId = problemId,
                Index = b,
                Instance = sampled with { Scenarios = sampled.Scenarios.Skip(from).Take(to - from).ToArray() },
            };
        }).ToArray();
        int columns;
        using (var probe = new SubproblemWorker(works[0].Instance))
        {
            columns = probe.Columns;
        }
        double[] Filled(double value) => Enumerable.Repeat(value, columns).ToArray();
        return new FarmWorkload(problemId, works, [null, Filled(0), Filled(1), Filled(0.5)]);
    }

    /// <summary>
    /// Every iteration in turn, its batches at once; <paramref name="answered"/>(iteration, batch)
    /// is called as each batch answers. Returns answers[iteration][batch].
    /// </summary>
    public async Task<BatchAnswer[][]> RunAsync(ISolveFarm farm, Action<int, int>? answered = null, CancellationToken cancel = default)
    {
        var answers = new BatchAnswer[Points.Count][];
        for (var i = 0; i < Points.Count; i++)
        {
            var iteration = i;
            answers[i] = await Task.WhenAll(Batches.Select(async work =>
            {
                var answer = await farm.SolveAsync(work, Points[iteration], cancel);
                answered?.Invoke(iteration, work.Index);
                return answer;
            }));
        }
        await farm.ReleaseAsync(ProblemId, Batches.Count);
        return answers;
    }
}

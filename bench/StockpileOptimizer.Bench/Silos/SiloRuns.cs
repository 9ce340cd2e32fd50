using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Silos;

/// <summary>One workload on one cluster: wall time, the farm's busy periods, and the answer (to check that every cluster gives the same).</summary>
internal sealed record SiloRun(int Workers, double WallSeconds, IReadOnlyList<(double Start, double End)> Rounds, int Iterations, string Answer, int Retries)
{
    /// <summary>Time the farm had work in flight.</summary>
    public double BusySeconds => Rounds.Sum(r => r.End - r.Start);

    /// <summary>Wall time with no farm call in flight: the coordinator alone.</summary>
    public double CoordinatorSeconds => WallSeconds - BusySeconds;

    /// <summary>Before the first farm call (sampling, validation, the SAA's start plan).</summary>
    public double SetupSeconds => Rounds.Count == 0 ? WallSeconds : Rounds[0].Start;

    /// <summary>The gaps before the last <see cref="Iterations"/> rounds: the master solve and cut building of each iteration.</summary>
    public IReadOnlyList<double> IterationGaps => Rounds.Count < 2 || Iterations == 0
        ? []
        : Enumerable.Range(Math.Max(1, Rounds.Count - Iterations), Math.Min(Iterations, Rounds.Count - 1))
            .Select(i => Rounds[i].Start - Rounds[i - 1].End).ToArray();

    /// <summary>The last <see cref="Iterations"/> rounds' durations (the subproblems of each iteration).</summary>
    public IReadOnlyList<double> IterationRounds => Rounds.Count == 0 || Iterations == 0
        ? []
        : Rounds.Skip(Math.Max(0, Rounds.Count - Iterations)).Select(r => r.End - r.Start).ToArray();
}

/// <summary>The two workloads of the silo section, each run on a given farm.</summary>
internal static class SiloRuns
{
    /// <summary>
    /// SAA of the default instance on <paramref name="samples"/> futures (seed 7) by Benders with a
    /// gap target no run reaches, so that every run does <paramref name="iterations"/> iterations
    /// of the same work.
    /// </summary>
    public static SiloRun Saa(ISolveFarm farm, int workers, int samples, int iterations)
    {
        var instance = ValidatedInstance.Require(InstanceJson.Default());
        var spec = new SaaAnalysisSpec { Samples = samples, Seed = 7, Method = SaaMethod.Benders, Gap = 1e-9, MaxIterations = iterations };
        var timed = new TimedFarm(farm);
        var start = timed.Now;
        var result = SaaAnalysis.Run(instance, spec, new SolveOptions { ShadowPrices = false }, parallelism: 1, timed, progress: null, CancellationToken.None);
        var wall = timed.Now - start;
        if (result.Policy is null)
        {
            throw new InvalidOperationException($"the SAA on {workers} silo(s) ended {result.Termination}: {result.Message}");
        }
        var answer = F($"{result.ObjectiveUsd:N0} / {result.BoundUsd:N0}");
        return new SiloRun(workers, wall, timed.Rounds, result.Iterations.Count, answer, (farm as Cluster.OrleansSolveFarm)?.Retries ?? 0);
    }

    /// <summary>The default instance's optimal plan (SCIP), for the evaluation.</summary>
    public static Policy DefaultPlan() =>
        StockpileSolver.Solve(InstanceJson.Default(), new SolveOptions { ShadowPrices = false }).Policy
        ?? throw new InvalidOperationException("the default instance has no plan");

    /// <summary>Out-of-sample evaluation of <paramref name="plan"/> on <paramref name="samples"/> futures (seed 11).</summary>
    public static SiloRun Evaluation(ISolveFarm farm, int workers, Policy plan, int samples)
    {
        var instance = InstanceJson.Default();
        var futures = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, samples, seed: 11);
        var timed = new TimedFarm(farm);
        var start = timed.Now;
        var result = EvaluationAnalysis.Run(instance, plan, futures, new EvaluationOptions { Farm = timed });
        var wall = timed.Now - start;
        if (result.Cost is not { } cost)
        {
            throw new InvalidOperationException($"the evaluation on {workers} silo(s) has no cost ({result.Unsolved} unsolved)");
        }
        return new SiloRun(workers, wall, timed.Rounds, 0, F($"{cost.Mean:N0} ({result.Feasible:N0} feasible)"),
            (farm as Cluster.OrleansSolveFarm)?.Retries ?? 0);
    }

    /// <summary>Warms this process (JIT, OR-Tools) on the paths the coordinator runs: a small SAA and an evaluation in process.</summary>
    public static void WarmUp(Policy plan)
    {
        using var local = new LocalSolveFarm(1);
        Saa(local, 0, samples: 20, iterations: 2);
        Evaluation(local, 0, plan, samples: 20);
    }

    /// <summary>Least squares of Amdahl's law on 1/S: 1/S − 1/N = f (1 − 1/N), over runs on N cores with speed-up S.</summary>
    public static double SerialFraction(IEnumerable<(double Cores, double SpeedUp)> points)
    {
        var (ab, aa) = (0.0, 0.0);
        foreach (var (n, s) in points)
        {
            var a = 1 - 1 / n;
            ab += a * (1 / s - 1 / n);
            aa += a * a;
        }
        return aa > 0 ? Math.Clamp(ab / aa, 0, 1) : double.NaN;
    }

    /// <summary>Amdahl's speed-up on <paramref name="n"/> machines with serial fraction <paramref name="f"/>.</summary>
    public static double Amdahl(double f, double n) => 1 / (f + (1 - f) / n);

    /// <summary>The load average (1 / 5 / 15 min), for the report: the machine is shared.</summary>
    public static string Load() => File.Exists("/proc/loadavg")
        ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";
}

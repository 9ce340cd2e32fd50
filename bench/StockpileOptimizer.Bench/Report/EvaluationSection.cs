using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// Section 3: out-of-sample throughput. The default instance's optimal plan evaluated on
/// sampled futures by the product path, EvaluationAnalysis.Run (one recourse LP per worker,
/// re-bound and re-solved warm per sample), with 1 and 2 workers — 10,000 samples measured
/// directly when that takes under two minutes, else extrapolated from a smaller run — next to
/// the per-sample full solve it replaced (StockpileSolver.Solve with FixedPolicy on each
/// one-scenario instance), measured in the same run.
/// </summary>
internal static class EvaluationSection
{
    private const int Goal = 10_000;
    private const double GoalSeconds = 60;
    /// <summary>Longest a direct 10,000-sample run may be expected to take before it is extrapolated instead.</summary>
    private const double DirectLimitSeconds = 120;

    private sealed record Run(int Workers, int Solves, double Seconds, bool Direct)
    {
        public double PerSecond => Solves / Seconds;
    }

    public static Task<Section> RunAsync(ReportContext context)
    {
        var probe = context.Quick ? 100 : 400;
        var instance = InstanceJson.Default();
        context.Log("default plan for the evaluation (SCIP)");
        var policy = StockpileSolver.Solve(instance, new SolveOptions { ShadowPrices = false }).Policy
            ?? throw new InvalidOperationException("the default instance has no plan");
        var samples = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, Goal, seed: 7);
        var first = samples.Take(probe).ToArray();
        // Warm-up (JIT, OR-Tools loaded) on both paths.
        Analysis(instance, policy, first.Take(20).ToArray(), workers: 1);
        var fullOptions = new SolveOptions { FixedPolicy = policy, ShadowPrices = false, DiagnoseInfeasibility = false };
        FullSolves(instance, first.Take(10).ToArray(), fullOptions, workers: 1);

        var product = new[] { 1, 2 }.Select(w =>
        {
            context.Log($"EvaluationAnalysis.Run, {probe} samples, {w} worker(s)");
            var (run, _) = Analysis(instance, policy, first, w);
            if (context.Quick || Goal / run.PerSecond > DirectLimitSeconds)
            {
                return run;
            }
            context.Log($"EvaluationAnalysis.Run, {Goal:N0} samples, {w} worker(s)");
            return Analysis(instance, policy, samples, w).Run;
        }).ToArray();
        var (_, evaluation) = Analysis(instance, policy, first, workers: 2);
        context.Log($"validation of {probe} samples");
        var clock = Stopwatch.StartNew();
        var violations = first.Sum(s => InstanceValidator.Validate(instance with { Scenarios = [s with { Probability = 1 }] }).Count);
        var validation = clock.Elapsed.TotalSeconds / probe;
        var before = new[] { 1, 2 }.Select(w =>
        {
            context.Log($"{probe} full recourse solves (the path before), {w} worker(s)");
            return FullSolves(instance, first, fullOptions, w);
        }).ToArray();
        var facts = before[0].Facts;

        string Measured(Run r) => r.Direct ? "measured" : "extrapolated";
        var markdown = $$"""
            ## 3. Out-of-sample evaluation throughput

            The default instance's optimal plan (SCIP) fixed, evaluated on futures sampled from
            `ScenarioDistribution.Default` (seed 7) by the product path, `EvaluationAnalysis.Run`
            with `MaxParallelism` = workers: it validates the instance, the plan and every sample
            once, then each worker keeps one recourse LP (the instance with one scenario,
            probability 1, λ = 0, first stage fixed; {{facts[0].Variables:N0}} variables, {{facts[0].Rows:N0}} rows
            plus a free survival row per producer and period), re-binds it to each sample (demand,
            emergencies, availability, prices, price wars) and re-solves it with GLOP from the
            previous basis (`RecourseEvaluator`), in input order; it summarises the distribution
            at the end. A run of {{Goal:N0}} samples is measured directly when {{probe}} samples say
            it takes under {{DirectLimitSeconds:0}} s, else extrapolated from those {{probe}}.
            {{Environment.ProcessorCount}} logical cores.

            | workers | samples | time | solves / s | 10,000 solves | speed-up |
            |:---|---:|---:|---:|---:|---:|
            {{string.Join("\n", product.Select(r => F($"| {r.Workers} | {Count(r.Solves)} | {Seconds(r.Seconds)} | {r.PerSecond:0.0} | {Seconds(Goal / r.PerSecond)} ({Measured(r)}) | {Ratio(r.PerSecond / product[0].PerSecond)} |")))}}

            {{evaluation.Feasible}} of {{evaluation.Samples}} samples feasible (first {{probe}}, 2 workers).
            Validating one sample up front (the whole one-scenario instance): {{Seconds(validation)}}{{(violations > 0 ? F($" ({violations} violations)") : "")}}.

            **Before**: the same samples solved one by one by `StockpileSolver.Solve` with
            `FixedPolicy` (validation, fingerprint, a named model built, GLOP cold with presolve,
            full extraction), in `Parallel.For` with that many workers, {{probe}} solves each:

            | workers | solves | time | solves / s | 10,000 solves (extrapolated) | speed-up | product path is |
            |:---|---:|---:|---:|---:|---:|---:|
            {{string.Join("\n", before.Select((r, i) => F($"| {r.Run.Workers} | {Count(r.Run.Solves)} | {Seconds(r.Run.Seconds)} | {r.Run.PerSecond:0.0} | {Seconds(Goal / r.Run.PerSecond)} | {Ratio(r.Run.PerSecond / before[0].Run.PerSecond)} | {Ratio(product[i].PerSecond / r.Run.PerSecond)} faster |")))}}

            One full solve on one worker, mean of the engine's own split: validation, fingerprint and
            build {{Seconds(facts.Average(f => f.BuildSeconds))}}, GLOP {{Seconds(facts.Average(f => f.SolveSeconds))}},
            extraction {{Seconds(facts.Average(f => f.ExtractSeconds))}} (wall {{Seconds(facts.Average(f => f.WallSeconds))}}).

            """;
        var two = product[1];
        var target = new TargetCheck(
            "10,000 out-of-sample recourse solves in < 60 s on 2 cores",
            F($"{Seconds(Goal / two.PerSecond)} {Measured(two)} (EvaluationAnalysis.Run, {two.Solves:N0} samples at {two.PerSecond:0.0}/s with 2 workers; 1 worker: {product[0].PerSecond:0.0}/s)"),
            Goal / two.PerSecond < GoalSeconds);
        return Task.FromResult(new Section(markdown, [target]));
    }

    private static (Run Run, EvaluationResult Result) Analysis(StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> samples, int workers)
    {
        var clock = Stopwatch.StartNew();
        var result = EvaluationAnalysis.Run(instance, policy, samples, new EvaluationOptions { MaxParallelism = workers });
        return (new Run(workers, samples.Count, clock.Elapsed.TotalSeconds, samples.Count == Goal), result);
    }

    private static (Run Run, SolverFacts[] Facts) FullSolves(StockpileInstance instance, IReadOnlyList<Scenario> samples, SolveOptions options, int workers)
    {
        var facts = new SolverFacts[samples.Count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            var alone = instance with
            {
                Scenarios = [samples[i] with { Probability = 1 }],
                Policy = instance.Policy with { RiskWeight = 0 },
            };
            facts[i] = StockpileSolver.Solve(alone, options).Solver;
        });
        return (new Run(workers, samples.Count, clock.Elapsed.TotalSeconds, Direct: true), facts);
    }
}

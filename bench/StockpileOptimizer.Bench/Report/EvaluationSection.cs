using System.Diagnostics;
using StockpileOptimizer.Bench.Measuring;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// Section 3: out-of-sample throughput. The default instance's optimal plan evaluated on
/// sampled futures, each one the recourse LP of the fixed plan on a one-scenario instance
/// (StockpileSolver.Solve with FixedPolicy, GLOP, no shadow prices), with 1 and 2 workers.
/// </summary>
internal static class EvaluationSection
{
    private const int Goal = 10_000;
    private const double GoalSeconds = 60;

    private sealed record Run(int Workers, int Solves, double Seconds, SolverFacts[] Facts)
    {
        public double PerSecond => Solves / Seconds;
    }

    public static Task<Section> RunAsync(ReportContext context)
    {
        var count = context.Quick ? 60 : 400;
        var instance = InstanceJson.Default();
        context.Log("default plan for the evaluation (SCIP)");
        var policy = StockpileSolver.Solve(instance, new SolveOptions { ShadowPrices = false }).Policy
            ?? throw new InvalidOperationException("the default instance has no plan");
        var samples = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, count, seed: 7);
        var options = new SolveOptions { FixedPolicy = policy, ShadowPrices = false, DiagnoseInfeasibility = false };
        Recourse(instance, samples.Take(20).ToArray(), options, workers: 1);
        var runs = new[] { 1, 2 }.Select(w =>
        {
            context.Log($"{count} recourse solves, {w} worker(s)");
            return Recourse(instance, samples, options, w);
        }).ToArray();
        context.Log($"EvaluationAnalysis.Run, {count} samples, MaxParallelism 2");
        var clock = Stopwatch.StartNew();
        var evaluation = EvaluationAnalysis.Run(instance, policy, samples, new EvaluationOptions { MaxParallelism = 2 });
        var analysisSeconds = clock.Elapsed.TotalSeconds;
        var emulated = Math.Min(count, context.Quick ? 30 : 150);
        context.Log($"warm re-solve what-if on {emulated} samples");
        var what = WarmRecourse.Measure(instance, samples.Take(emulated).ToArray());
        var one = runs[0].Facts;
        var variables = one[0].Variables;
        var markdown = $$"""
            ## 3. Out-of-sample evaluation throughput

            The default instance's optimal plan (SCIP) fixed, evaluated on {{count}} futures sampled
            from `ScenarioDistribution.Default` (seed 7): each is `StockpileSolver.Solve` on the
            instance with that one scenario (probability 1, λ = 0) and `FixedPolicy` — a recourse LP
            of {{variables:N0}} variables and {{one[0].Rows:N0}} rows solved by GLOP, shadow prices off. The
            workers are `Parallel.ForEach` with that many at once; {{Environment.ProcessorCount}} logical cores.
            {{count:N0}} solves were measured and **10,000 is extrapolated** linearly from their rate.

            {{Table(
                ["workers", "solves", "time", "solves / s", "10,000 solves (extrapolated)", "speed-up"],
                runs.Select(r => (IReadOnlyList<string>)[
                    r.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture), Count(r.Solves), Seconds(r.Seconds),
                    F($"{r.PerSecond:0.0}"), Seconds(Goal / r.PerSecond), Ratio(r.PerSecond / runs[0].PerSecond)]))}}
            One solve on one worker, mean of the engine's own split: validation, fingerprint and
            build {{Seconds(one.Average(f => f.BuildSeconds))}}, GLOP {{Seconds(one.Average(f => f.SolveSeconds))}},
            extraction {{Seconds(one.Average(f => f.ExtractSeconds))}} (wall {{Seconds(one.Average(f => f.WallSeconds))}}).
            The product path, `EvaluationAnalysis.Run` with `MaxParallelism = 2` (it also validates every
            sample up front and summarises): {{Seconds(analysisSeconds)}} for {{count}} samples,
            {{F($"{count / analysisSeconds:0.0}")}} / s; {{evaluation.Feasible}} of {{evaluation.Samples}} feasible.

            **What-if, emulated outside the engine** (`Measuring/WarmRecourse.cs`): one recourse LP kept
            per worker, re-bound to each sample (only changed bounds, right-hand sides, costs and matrix
            entries) and re-solved by GLOP from the previous basis with presolve off and dual simplex.
            On the first {{what.Samples}} samples (first stage fixed at the instance's optimum): re-binding
            {{F($"{what.RebindMs:0.00}")}} ms and warm solve {{F($"{what.WarmMs:0.00}")}} ms per sample (medians), against
            {{F($"{what.ColdMs:0.00}")}} ms for the same LP built fresh and solved cold with GLOP's defaults; the LP
            gained columns or rows (a reload without the basis) on {{what.Reloads}} samples; largest relative
            objective difference {{F($"{what.MaxObjectiveDifference:0.0e+0}")}}.

            """;
        var two = runs[1];
        var target = new TargetCheck(
            "10,000 out-of-sample recourse solves in < 60 s on 2 cores",
            F($"{Seconds(Goal / two.PerSecond)} extrapolated from {two.Solves} solves at {two.PerSecond:0.0}/s with 2 workers (1 worker: {runs[0].PerSecond:0.0}/s)"),
            Goal / two.PerSecond < GoalSeconds);
        return Task.FromResult(new Section(markdown, [target]));
    }

    private static Run Recourse(StockpileInstance instance, IReadOnlyList<Scenario> samples, SolveOptions options, int workers)
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
        return new Run(workers, samples.Count, clock.Elapsed.TotalSeconds, facts);
    }
}

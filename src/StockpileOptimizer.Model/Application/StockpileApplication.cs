using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Application;

/// <summary>
/// The one entry point every front end (the gRPC job system, the CLI in process) runs work
/// through: a validated instance (<see cref="ValidatedInstance"/>, so nothing here validates it
/// again), a work spec (a solve's options, an analysis spec, a scenario generation), progress
/// and a token. An analysis spec becomes the Model's options, with the solver-thread budget as
/// MaxParallelism (a smaller MaxParallelism in the spec wins), and the solve options (time
/// limit, gap, solver, seed) for every solve. Solves that run side by side get one thread each;
/// a lone solve (a warm-started sweep point, the solve that finds an evaluation's policy) gets
/// the whole budget. Analyses return their partial result when cancelled; only bad input and
/// solver failures throw.
/// </summary>
public static class StockpileApplication
{
    /// <summary>One solve of the instance (docs/model.md).</summary>
    public static SolveResult Run(ValidatedInstance instance, SolveOptions options, IProgress<SolveProgress>? progress, CancellationToken cancel) =>
        StockpileSolver.Solve(instance, options, cancel, progress);

    /// <summary>An analysis; <paramref name="budget"/> is the solver threads it may use at once.</summary>
    /// <exception cref="InvalidInstanceException">A policy or a sample breaks a validation rule.</exception>
    /// <exception cref="ArgumentException">The spec does not fit the instance (too many countries, bad values or distribution).</exception>
    /// <exception cref="AnalysisFailedException">The evaluation found no policy to evaluate.</exception>
    /// <param name="farm">Where the subproblems of a decomposition run (null: in this process, within the budget).</param>
    public static AnalysisResult Run(
        ValidatedInstance instance, AnalysisSpec spec, SolveOptions solve, int budget,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel, ISolveFarm? farm = null)
    {
        var parallelism = Parallelism(spec, budget);
        var each = EachSolve(solve);
        return spec switch
        {
            CooperationAnalysisSpec c => new CooperationAnalysisResult
            {
                Result = CooperationAnalysis.Run(
                    instance, new CooperationOptions { MaxCountries = c.MaxCountries, MaxParallelism = parallelism, Solve = each, Farm = farm }, cancel, progress),
            },
            FrontierAnalysisSpec f => new FrontierAnalysisResult
            {
                Result = FrontierAnalysis.Run(instance, Frontier(f, each, parallelism) with { Farm = farm }, cancel, progress),
            },
            EvaluationAnalysisSpec e => EvaluationWorkflow.Run(instance, e, each, parallelism, cancel, progress, farm),
            SaaAnalysisSpec a => new SaaAnalysisResult { Result = SaaAnalysis.Run(instance, a, each, parallelism, farm, progress, cancel) },
            _ => throw new ArgumentException($"unknown analysis \"{spec.Kind}\"", nameof(spec)),
        };
    }

    /// <summary>A seeded sample of scenarios, reduced when the spec asks for fewer.</summary>
    /// <remarks>
    /// Bounded by <see cref="WorkChecks.Check(ScenarioGenerationSpec, ValidatedInstance?)"/>
    /// (count, and count² × reduceTo for a reduction); <paramref name="cancel"/> is checked
    /// before each sampled scenario and each step of the reduction, so a caller that goes away
    /// stops the work.
    /// </remarks>
    /// <exception cref="ArgumentException">The distribution does not fit the instance, or a count is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public static GeneratedScenarios Run(ValidatedInstance instance, ScenarioGenerationSpec spec, CancellationToken cancel)
    {
        var sampled = ScenarioGenerator.Sample(instance.Instance, spec.Distribution ?? ScenarioDistribution.Default, spec.Count, spec.Seed, cancel);
        var reduction = spec.ReduceTo is { } keep && keep < sampled.Count
            ? ScenarioReduction.FastForward(sampled, keep, instance.Instance, cancel: cancel)
            : null;
        return new GeneratedScenarios(sampled, reduction);
    }

    /// <summary>The threads the analysis may use at once: the spec's wish, capped at the job's budget.</summary>
    public static int Parallelism(AnalysisSpec spec, int budget) =>
        Math.Clamp(spec.MaxParallelism ?? budget, 1, Math.Max(1, budget));

    /// <summary>The options of each solve: analyses read neither shadow prices nor the infeasibility diagnosis.</summary>
    public static SolveOptions EachSolve(SolveOptions solve) =>
        solve with { Threads = 1, ShadowPrices = false, Explain = false, DiagnoseInfeasibility = false, FixedPolicy = null, Hint = null };

    /// <summary>The Model's sweep for a frontier spec.</summary>
    public static FrontierSpec Frontier(FrontierAnalysisSpec spec, SolveOptions each, int parallelism) => new()
    {
        Parameter = spec.Parameter,
        Values = spec.Values,
        Range = spec.Range,
        WarmStart = spec.WarmStart,
        MaxParallelism = parallelism,
        // Warm-started points run one after another: each may use the whole budget.
        Solve = spec.WarmStart ? each with { Threads = parallelism } : each,
    };

    /// <summary>How many solves the analysis will run, for the RUNNING event; null when it depends on the outcome.</summary>
    public static int Solves(StockpileInstance instance, AnalysisSpec spec) => spec switch
    {
        CooperationAnalysisSpec => (1 << Math.Min(instance.Countries.Count, 30)) - 1,
        FrontierAnalysisSpec f => f.Values?.Count ?? f.Range?.Steps ?? 0,
        EvaluationAnalysisSpec e => EvaluationWorkflow.Solves(instance, e),
        SaaAnalysisSpec a => a.MaxIterations,
        _ => 0,
    };

    /// <summary>The line of a progress event: "k of N done: ITEM — OUTCOME".</summary>
    public static string Line(AnalysisProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Completed} of {p.Total} done: {p.Item}") + (p.Message.Length > 0 ? " — " + p.Message : "");
}

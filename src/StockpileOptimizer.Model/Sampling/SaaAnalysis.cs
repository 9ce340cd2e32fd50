using System.Diagnostics;
using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// Sample-average approximation (docs/sampling.md): N futures sampled from the scenario
/// distribution (or given), one plan for all of them, solved as one MIP while that is small
/// and by the L-shaped method beyond; with replications, the plan's statistical optimality gap.
/// </summary>
public static class SaaAnalysis
{
    /// <summary>
    /// The automatic choice takes the extensive form up to this many model variables: about 25
    /// samples of the default instance, where one MIP still solves in seconds (docs/performance.md).
    /// </summary>
    public const long ExtensiveVariableLimit = 60_000;

    /// <summary>Cut groups when the spec leaves them open: one per sample up to this many.</summary>
    public const int DefaultCutGroups = 64;

    /// <summary>
    /// The full analysis: sample (or take the spec's scenarios), solve, and estimate the
    /// statistical gap when the spec asks for replications. <paramref name="farm"/> runs the
    /// subproblems (null: this process, <paramref name="parallelism"/> at once).
    /// </summary>
    public static SaaResult Run(
        ValidatedInstance instance, SaaAnalysisSpec spec, SolveOptions each, int parallelism, ISolveFarm? farm,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(spec);
        var samples = spec.Scenarios ?? ScenarioGenerator.Sample(
            instance.Instance, spec.Distribution ?? ScenarioDistribution.Default, spec.Samples, spec.Seed, cancel);
        if (spec.Replications != 0)
        {
            StatisticalGapEstimator.Check(instance.Instance, spec, Choose(instance.Instance with { Scenarios = samples.ToArray() }, spec).Method);
        }
        var solved = Solve(instance.Instance, samples, spec, each, parallelism, farm, progress, cancel);
        if (spec.Replications < 2 || solved.Result.Cancelled)
        {
            return solved.Result;
        }
        var estimate = StatisticalGapEstimator.Estimate(instance, spec, solved, samples, each, parallelism, farm, progress, cancel);
        return solved.Result with
        {
            Statistical = estimate.Gap,
            Cancelled = estimate.Cancelled,
            Message = string.Join("; ", new[] { solved.Result.Message, "statistical gap: " + estimate.Message }.Where(m => m.Length > 0)),
        };
    }

    /// <summary>The SAA problem on <paramref name="samples"/>: its plan, bounds and the first-stage point behind them.</summary>
    internal static SaaSolution Solve(
        StockpileInstance instance, IReadOnlyList<Scenario> samples, SaaAnalysisSpec spec, SolveOptions each, int parallelism,
        ISolveFarm? farm, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var problem = instance with { Scenarios = samples.ToArray() };
        var (method, reason) = Choose(problem, spec);
        var result = method == SaaMethod.Extensive
            ? Extensive(problem, each with { Threads = Math.Max(1, parallelism), RelativeGap = spec.Gap }, cancel)
            : Decompose(problem, spec, each, parallelism, farm, progress, cancel);
        return result with
        {
            Result = result.Result with
            {
                MethodReason = result.Result.MethodReason is { Length: > 0 } start ? $"{reason}; {start}" : reason,
                Samples = samples.Count,
                Seed = spec.Seed,
                WallSeconds = clock.Elapsed.TotalSeconds,
            },
        };
    }

    /// <summary>The method and why: the spec's, or the extensive form while its model stays under <see cref="ExtensiveVariableLimit"/> variables.</summary>
    public static (SaaMethod Method, string Reason) Choose(StockpileInstance problem, SaaAnalysisSpec spec)
    {
        if (spec.Method != SaaMethod.Auto)
        {
            return (spec.Method, "requested");
        }
        var size = ModelSizeEstimate.Of(problem);
        return size.Variables <= ExtensiveVariableLimit
            ? (SaaMethod.Extensive, string.Create(CultureInfo.InvariantCulture,
                $"automatic: the extensive form of {problem.Scenarios.Count} samples has {size.Variables:N0} variables (at most {ExtensiveVariableLimit:N0})"))
            : (SaaMethod.Benders, string.Create(CultureInfo.InvariantCulture,
                $"automatic: the extensive form of {problem.Scenarios.Count} samples would have {size.Variables:N0} variables (more than {ExtensiveVariableLimit:N0})"));
    }

    private static SaaSolution Extensive(StockpileInstance problem, SolveOptions options, CancellationToken cancel)
    {
        var solved = StockpileSolver.Solve(problem, options with { ShadowPrices = false, Explain = false, DiagnoseInfeasibility = false }, cancel);
        var facts = solved.Solver;
        var hasPlan = solved.Policy is not null;
        return new SaaSolution(new SaaResult
        {
            Policy = solved.Policy,
            Method = "extensive",
            Termination = facts.Termination,
            ObjectiveUsd = hasPlan ? facts.Objective : double.NaN,
            BoundUsd = facts.BestBound,
            Gap = hasPlan ? facts.Gap : double.NaN,
            CutGroups = 0,
            Cancelled = facts.Termination == Termination.Cancelled,
            Message = facts.Message,
        }, null);
    }

    private static SaaSolution Decompose(
        StockpileInstance problem, SaaAnalysisSpec spec, SolveOptions each, int parallelism, ISolveFarm? farm,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        using var local = farm is null ? new LocalSolveFarm(parallelism) : null;
        var clock = Stopwatch.StartNew();
        // A rung gets half the time limit: it is only the start.
        var rungEach = each.TimeLimit is { } limit ? each with { TimeLimit = limit / 2 } : each;
        var start = Start(problem, spec, rungEach, parallelism, farm ?? local, progress, cancel);
        var settings = new SaaSettings(
            Guid.NewGuid().ToString("N"), spec.Gap, spec.MaxIterations,
            spec.CutGroups ?? Math.Min(problem.Scenarios.Count, DefaultCutGroups), each.TimeLimit, each)
        {
            Start = start.Plan,
        };
        var decomposition = new BendersDecomposition(problem, settings, farm ?? local!);
        var done = decomposition.RunAsync(progress, clock, cancel).GetAwaiter().GetResult();
        return new SaaSolution(new SaaResult
        {
            Policy = done.Policy,
            Method = "benders",
            MethodReason = start.Description,
            Termination = done.Termination,
            ObjectiveUsd = done.UpperUsd,
            BoundUsd = done.LowerUsd,
            Gap = done.Gap,
            Iterations = done.Iterations,
            CutGroups = decomposition.Groups,
            Cancelled = done.Termination == Termination.Cancelled,
            Message = done.Message,
        }, done.Point);
    }

    /// <summary>Samples in the extensive form whose plan starts a decomposition.</summary>
    public const int StartSamples = 5;

    /// <summary>
    /// Each rung of the start ladder solves one in this many of the samples above it: a
    /// decomposition of N samples starts from the plan of the first N / 10, which starts from
    /// the plan of the first N / 100, …, down to the extensive form of <see cref="StartSamples"/>.
    /// </summary>
    public const int LadderRatio = 10;

    /// <summary>
    /// The plan a decomposition of <paramref name="problem"/> starts from, and what it is. Up
    /// to <see cref="LadderRatio"/> × <see cref="StartSamples"/> samples: the extensive form of
    /// the first <see cref="StartSamples"/>. Beyond: the decomposition of the first N /
    /// <see cref="LadderRatio"/> samples (their probabilities rescaled), itself started the same
    /// way. A rung's samples are a random sample of the distribution too, so its plan is near the
    /// SAA optimum, and a pass over it costs a tenth of a pass over all: the full decomposition
    /// starts with a near-optimal incumbent and its cuts where they matter. Only the start
    /// changes: every bound reported is still the full problem's. Null when no rung has a plan.
    /// </summary>
    private static (StartPlan? Plan, string Description) Start(
        StockpileInstance problem, SaaAnalysisSpec spec, SolveOptions each, int parallelism, ISolveFarm? farm,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var n = problem.Scenarios.Count;
        var rung = n / LadderRatio;
        if (rung <= StartSamples)
        {
            return Few(problem, each, parallelism, cancel);
        }
        if (Rescaled(problem, rung) is not { } subset)
        {
            return (null, "");
        }
        progress?.Report(new AnalysisProgress
        {
            Total = spec.MaxIterations,
            Item = string.Create(CultureInfo.InvariantCulture, $"start plan: the first {rung:N0} samples"),
            Message = string.Create(CultureInfo.InvariantCulture, $"solving the first {rung:N0} of {n:N0} samples for a plan to start from"),
        });
        var solved = Decompose(subset, spec with { CutGroups = null }, each, parallelism, farm, progress is null ? null : new RungProgress(progress, rung), cancel);
        if (solved.Result.Policy is not { } policy || solved.Point is not { } point)
        {
            return cancel.IsCancellationRequested ? (null, "") : Few(problem, each, parallelism, cancel);
        }
        return (new StartPlan(point, policy), string.Create(CultureInfo.InvariantCulture,
            $"started from the plan of the first {rung:N0} samples ({solved.Result.Method}, {solved.Result.Iterations.Count} iterations, gap {solved.Result.Gap:P2})"));
    }

    /// <summary>
    /// The rung's own events, each named as the start plan's and without bounds (they bound the
    /// rung's problem, not this one), at 0 iterations done of this problem.
    /// </summary>
    private sealed class RungProgress(IProgress<AnalysisProgress> inner, int rung) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => inner.Report(value with
        {
            Completed = 0,
            Item = string.Create(CultureInfo.InvariantCulture, $"start plan (the first {rung:N0} samples): {value.Item}"),
            LowerBoundUsd = null,
            UpperBoundUsd = null,
            Gap = null,
        });
    }

    /// <summary>
    /// The plan of the extensive form on the first <see cref="StartSamples"/> samples (their
    /// probabilities rescaled), η at 0: a cheap integer plan near the SAA optimum. Null when it
    /// has none (then the decomposition starts from its master alone).
    /// </summary>
    private static (StartPlan? Plan, string Description) Few(StockpileInstance problem, SolveOptions each, int parallelism, CancellationToken cancel)
    {
        if (problem.Scenarios.Count <= StartSamples)
        {
            return (null, "");
        }
        var subset = Rescaled(problem, StartSamples);
        if (subset is null)
        {
            return (null, "");
        }
        var solved = StockpileSolver.Solve(subset, each with
        {
            Threads = Math.Max(1, parallelism), ShadowPrices = false, Explain = false, DiagnoseInfeasibility = false,
            RelativeGap = Math.Max(each.RelativeGap, 1e-3),
        }, cancel);
        if (solved.Policy is not { } policy)
        {
            return (null, "");
        }
        return (new StartPlan(PlanPoints.Of(problem, policy, new double[PlanPoints.CvarGroups(problem)]), policy),
            $"started from the extensive form of the first {StartSamples} samples");
    }

    /// <summary>The problem on its first <paramref name="count"/> samples, probabilities rescaled to sum to 1 (null: they weigh nothing).</summary>
    private static StockpileInstance? Rescaled(StockpileInstance problem, int count)
    {
        var few = problem.Scenarios.Take(count).ToArray();
        var weight = few.Sum(s => s.Probability);
        return weight > 0 ? problem with { Scenarios = few.Select(s => s with { Probability = s.Probability / weight }).ToArray() } : null;
    }
}

/// <summary>An SAA problem's result and, from the decomposition, its first-stage point (x, y, q, z, w, η).</summary>
internal sealed record SaaSolution(SaaResult Result, double[]? Point);

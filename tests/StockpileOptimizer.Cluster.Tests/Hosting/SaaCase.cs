using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// One SAA problem solved by Benders on any farm, and the checks that tie two runs together.
/// Its own MIPs (the start plan, the masters) run here with one thread, as a server's job does
/// with a cluster farm; only the subproblems go to the farm.
/// </summary>
public sealed class SaaCase
{
    /// <summary>The decomposition's stopping gap.</summary>
    public const double Gap = 1e-3;

    /// <summary>Options of every solve: tight, so that the runs are compared, not the solver's tolerances.</summary>
    public static readonly SolveOptions Each = new() { RelativeGap = 1e-7, ShadowPrices = false, DiagnoseInfeasibility = false };

    private readonly ValidatedInstance instance;

    private SaaCase(StockpileInstance instance, IReadOnlyList<Scenario> samples)
    {
        this.instance = ValidatedInstance.Require(instance);
        Samples = samples;
        Spec = new SaaAnalysisSpec
        {
            Scenarios = samples,
            Method = SaaMethod.Benders,
            Gap = Gap,
            MaxIterations = 200,
            CutGroups = samples.Count,
        };
    }

    public IReadOnlyList<Scenario> Samples { get; }

    public SaaAnalysisSpec Spec { get; }

    /// <summary><paramref name="samples"/> futures of <paramref name="instance"/> from the default distribution.</summary>
    public static SaaCase Of(StockpileInstance instance, int samples, int seed) =>
        new(instance, ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, samples, seed));

    /// <summary>The analysis, off the test's thread (it blocks on the farm).</summary>
    public Task<SaaResult> RunAsync(ISolveFarm farm, IProgress<AnalysisProgress>? progress = null) =>
        Task.Run(() => SaaAnalysis.Run(instance, Spec, Each, 1, farm, progress, CancellationToken.None));

    /// <summary>The plan's exact value on the samples: the SAA problem solved with its first stage fixed to <paramref name="plan"/>.</summary>
    public double Cost(Policy plan)
    {
        var solved = StockpileSolver.Solve(instance.Instance with { Scenarios = Samples.ToArray() }, Each with { FixedPolicy = plan });
        Assert.True(solved.Solver.Termination == Termination.Optimal, $"the plan on the samples: {solved.Solver.Termination} {solved.Solver.Message}");
        return solved.Solver.Objective;
    }

    /// <summary>
    /// Optimal by Benders to the gap, with a plan whose exact cost on the samples lies between
    /// the bound and the objective (the objective is the plan's value at the master's CVaR
    /// threshold η, which the plan's own solve may still lower); returns that cost.
    /// </summary>
    public double AssertSolved(SaaResult result, string label)
    {
        Assert.True(result.Termination == Termination.Optimal,
            $"{label}: {result.Termination} '{result.Message}' after {result.Iterations.Count} iterations, gap {result.Gap}");
        Assert.Equal("benders", result.Method);
        Assert.True(result.Gap <= Gap, $"{label}: gap {result.Gap}");
        Assert.NotNull(result.Policy);
        var cost = Cost(result.Policy);
        var slack = 1e-6 * Math.Max(1, Math.Abs(result.ObjectiveUsd));
        Assert.True(cost >= result.BoundUsd - slack && cost <= result.ObjectiveUsd + slack,
            $"{label}: the plan costs {cost:R} on the samples, outside [bound {result.BoundUsd:R}, objective {result.ObjectiveUsd:R}]");
        return cost;
    }

    /// <summary>The same iterations (phase, lower and upper bound, to 1e-6 relative) and the same objective and bound.</summary>
    public static void AssertSameRun(SaaResult expected, SaaResult actual, string label)
    {
        Assert.True(expected.Iterations.Count == actual.Iterations.Count,
            $"{label}: {actual.Iterations.Count} iterations, expected {expected.Iterations.Count}");
        foreach (var (e, a) in expected.Iterations.Zip(actual.Iterations))
        {
            var at = $"{label}, iteration {e.Iteration}";
            Assert.True(e.Phase == a.Phase, $"{at}: phase {a.Phase}, expected {e.Phase}");
            Close(e.LowerBoundUsd, a.LowerBoundUsd, 1e-6, $"{at}: lower bound");
            Close(e.UpperBoundUsd, a.UpperBoundUsd, 1e-6, $"{at}: upper bound");
        }
        Close(expected.ObjectiveUsd, actual.ObjectiveUsd, 1e-6, $"{label}: objective");
        Close(expected.BoundUsd, actual.BoundUsd, 1e-6, $"{label}: bound");
    }

    /// <summary>
    /// The objectives agree to the gap: each run's plan costs at least the other's lower bound
    /// (no plan beats the SAA optimum), and the two differ by at most the gap.
    /// </summary>
    public static void AssertSameObjective(SaaResult expected, SaaResult actual, string label)
    {
        var scale = Math.Max(1, Math.Abs(expected.ObjectiveUsd));
        Assert.True(actual.ObjectiveUsd >= expected.BoundUsd - 1e-6 * scale,
            $"{label}: objective {actual.ObjectiveUsd:R} below the in-process bound {expected.BoundUsd:R}");
        Assert.True(expected.ObjectiveUsd >= actual.BoundUsd - 1e-6 * scale,
            $"{label}: the in-process objective {expected.ObjectiveUsd:R} below this run's bound {actual.BoundUsd:R}");
        Assert.True(Math.Abs(actual.ObjectiveUsd - expected.ObjectiveUsd) <= (Gap + 1e-6) * scale,
            $"{label}: objective {actual.ObjectiveUsd:R}, in-process {expected.ObjectiveUsd:R}");
    }

    /// <summary>Equal to <paramref name="relative"/> (absolute below 1); NaN equals NaN.</summary>
    public static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(double.IsNaN(expected) ? double.IsNaN(actual)
            : Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual))),
            $"{what}: {actual:R}, expected {expected:R}");
}

/// <summary>A progress sink that runs its action on the reporting thread (no posting: what the test does happens at that point of the run).</summary>
public sealed class InlineProgress(Action<AnalysisProgress> action) : IProgress<AnalysisProgress>
{
    public void Report(AnalysisProgress value) => action(value);
}

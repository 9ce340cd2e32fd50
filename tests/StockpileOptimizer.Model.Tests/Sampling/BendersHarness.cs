using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// One SAA problem solved both ways — by the L-shaped method and as one extensive-form MIP —
/// and the assertions that tie them together. The two plans may differ (alternative optima), so
/// they are compared through their values: each method's plan must cost at least the other's
/// lower bound, and the two objectives agree to the requested gap.
/// </summary>
internal static class BendersHarness
{
    /// <summary>The decomposition's stopping gap in these tests.</summary>
    public const double Gap = 1e-4;

    /// <summary>The extensive form is solved tighter than <see cref="Gap"/>, so the comparison tests the decomposition.</summary>
    public static readonly SolveOptions Each = new() { RelativeGap = 1e-7 };

    /// <summary>
    /// Futures sampled for generated instances (supplier "cn", groups "light" and "heavy"): halts,
    /// a correlated supplier shock and price wars, so that stock, BoLR and tiers all matter.
    /// </summary>
    public static readonly ScenarioDistribution GeneratedDistribution = new()
    {
        Supplier = "cn",
        Halts =
        [
            new GroupHaltDistribution { Group = "heavy", Probability = 0.5 },
            new GroupHaltDistribution { Group = "light", Probability = 0.3 },
        ],
        SupplierShock = new SupplierShockDistribution { Groups = ["light", "heavy"], Rho = 0.5 },
        PriceWar = new PriceWarDistribution { Groups = ["light"], Probability = 0.3 },
    };

    public static SaaAnalysisSpec Spec(IReadOnlyList<Scenario> samples, int? cutGroups = null) => new()
    {
        Scenarios = samples,
        Method = SaaMethod.Benders,
        Gap = Gap,
        MaxIterations = 200,
        CutGroups = cutGroups,
    };

    /// <summary>
    /// The decomposition with two batches at once on a local farm (or on <paramref name="farm"/>)
    /// and parallelism 1 for its own MIPs (see <see cref="Extensive"/>).
    /// </summary>
    public static SaaResult Benders(
        StockpileInstance instance, SaaAnalysisSpec spec, IProgress<AnalysisProgress>? progress = null,
        ISolveFarm? farm = null, CancellationToken cancel = default)
    {
        using var local = farm is null ? new LocalSolveFarm(2) : null;
        return SaaAnalysis.Run(ValidatedInstance.Require(instance), spec with { Method = SaaMethod.Benders }, Each, 1, farm ?? local, progress, cancel);
    }

    /// <summary>
    /// The extensive form with parallelism 1: SaaAnalysis gives its MIPs (the extensive form, a
    /// decomposition's start plan) as many solver threads as parallelism, and two SCIP solves with more than one thread at once in one process
    /// crash it (SCIP's thread pool is process-wide) — test classes run in parallel.
    /// </summary>
    public static SaaResult Extensive(StockpileInstance instance, SaaAnalysisSpec spec) =>
        SaaAnalysis.Run(ValidatedInstance.Require(instance), spec with { Method = SaaMethod.Extensive }, Each, 1, null, null, CancellationToken.None);

    /// <summary>
    /// Both methods on the same samples; asserts both optimal and their values equal to the gap.
    /// Returns the two results for further checks.
    /// </summary>
    public static (SaaResult Benders, SaaResult Extensive) AssertAgree(StockpileInstance instance, IReadOnlyList<Scenario> samples, string label, int? cutGroups = null)
    {
        var spec = Spec(samples, cutGroups);
        var benders = Benders(instance, spec);
        var extensive = Extensive(instance, spec);
        AssertSameValue(benders, extensive, label);
        return (benders, extensive);
    }

    /// <summary>
    /// The decomposition closed its gap, and its plan's value and the extensive optimum agree:
    /// each plan costs at least the other method's lower bound (a plan cannot beat the optimum),
    /// and the values differ by at most the two gaps.
    /// </summary>
    public static void AssertSameValue(SaaResult benders, SaaResult extensive, string label)
    {
        Assert.True(extensive.Termination == Termination.Optimal, $"{label}: extensive {extensive.Termination} {extensive.Message}");
        Assert.True(benders.Termination == Termination.Optimal,
            $"{label}: benders {benders.Termination} {benders.Message} after {benders.Iterations.Count} iterations, gap {benders.Gap}");
        Assert.NotNull(benders.Policy);
        Assert.Equal("benders", benders.Method);
        Assert.Equal("extensive", extensive.Method);
        Assert.True(benders.Gap <= Gap, $"{label}: gap {benders.Gap}");
        var scale = Math.Max(1, Math.Abs(extensive.ObjectiveUsd));
        var slack = 1e-6 * scale;
        Assert.True(benders.ObjectiveUsd >= extensive.BoundUsd - slack,
            $"{label}: the decomposition's plan costs {benders.ObjectiveUsd}, below the extensive bound {extensive.BoundUsd}");
        Assert.True(extensive.ObjectiveUsd >= benders.BoundUsd - slack,
            $"{label}: the extensive plan costs {extensive.ObjectiveUsd}, below the decomposition's bound {benders.BoundUsd}");
        Assert.True(Math.Abs(benders.ObjectiveUsd - extensive.ObjectiveUsd) <= (Gap + 1e-6) * scale,
            $"{label}: benders {benders.ObjectiveUsd} (bound {benders.BoundUsd}), extensive {extensive.ObjectiveUsd} (bound {extensive.BoundUsd})");
    }

    /// <summary>
    /// The default instance at λ = 0.5 on 4 futures (seed 7) solved both ways, once for every
    /// test that needs it (each solve takes seconds).
    /// </summary>
    public static SolvedCase DefaultWithCvar => DefaultCase.Value;

    private static readonly Lazy<SolvedCase> DefaultCase = new(() =>
    {
        var instance = InstanceJson.Default();
        instance = instance with { Policy = instance.Policy with { RiskWeight = 0.5 } };
        var samples = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, 4, 7);
        var spec = Spec(samples);
        return new SolvedCase(instance, samples, Benders(instance, spec), Extensive(instance, spec));
    });

    /// <summary>An instance, its SAA samples, and the problem solved by each method.</summary>
    public sealed record SolvedCase(StockpileInstance Instance, IReadOnlyList<Scenario> Samples, SaaResult Benders, SaaResult Extensive)
    {
        /// <summary>The SAA problem as an instance: the samples as its scenarios.</summary>
        public StockpileInstance Problem => Instance with { Scenarios = Samples.ToArray() };
    }

    /// <summary>
    /// A farm that passes every batch to a local farm and counts the infeasible
    /// answers (each one a feasibility cut). <see cref="BeforeCall"/> runs before call k (1-based) is passed on.
    /// </summary>
    public sealed class RecordingFarm() : PassThroughFarm(new LocalSolveFarm(2))
    {
        private int calls;
        private int infeasible;

        public Action<int>? BeforeCall { get; init; }
        public int InfeasibleAnswers => infeasible;

        public override async Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel)
        {
            BeforeCall?.Invoke(Interlocked.Increment(ref calls));
            var answer = await Inner.SolveAsync(work, point, cancel).ConfigureAwait(false);
            if (point is not null)
            {
                Interlocked.Add(ref infeasible, answer.Scenarios.Count(a => a.Status == SubproblemStatus.Infeasible));
            }
            return answer;
        }
    }

    /// <summary>A progress sink that runs its action on the reporting thread (no posting, so the test is event-driven).</summary>
    public sealed class Inline(Action<AnalysisProgress> action) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => action(value);
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class ScenarioDuplicationTests
{
    // Replacing each scenario by k copies with probability π/k describes the same
    // distribution: every first-stage policy has the same expected cost (and the same CVaR)
    // on both instances, so the optimum is the same and a policy optimal for one is optimal
    // for the other. The policies themselves may differ where the optimum is not unique (in
    // JOINT mode with equal prices on both sides of a sharing link, which country holds a
    // shared tonne is a tie), so each policy is evaluated on the other instance
    // (SolveOptions.FixedPolicy: the recourse LP) and must reach that instance's optimum.
    [Property(MaxTest = 8, Replay = "(20261207,11400714819323198485)")]
    public Property Duplicating_scenarios_keeps_the_optimum_and_each_optimal_policy_optimal(PositiveInt seed, bool joint, bool riskAverse)
    {
        var k = 2 + seed.Get % 3;
        var original = Generated.Small(seed.Get, riskWeight: riskAverse ? 0.4 : 0)
            .WithPolicy(p => p with { Mode = joint ? CooperationMode.Joint : CooperationMode.Independent });
        var duplicated = Duplicate(original, k);

        var a = StockpileSolver.Solve(original, Exact);
        var b = StockpileSolver.Solve(duplicated, Exact);
        var bOnOriginal = StockpileSolver.Solve(original, Exact with { FixedPolicy = b.Policy });
        var aOnDuplicated = StockpileSolver.Solve(duplicated, Exact with { FixedPolicy = a.Policy });

        return (a.Solver.Termination == Termination.Optimal && b.Solver.Termination == Termination.Optimal)
            .Label($"both solved: {a.Solver.Termination}, {b.Solver.Termination}")
            .And(Close(a.Solver.Objective, b.Solver.Objective))
            .Label($"k={k}: optimum {a.Solver.Objective} vs duplicated {b.Solver.Objective}")
            .And(Close(bOnOriginal.Solver.Objective, a.Solver.Objective))
            .Label($"the duplicated instance's policy on the original: {bOnOriginal.Solver.Objective} ({bOnOriginal.Solver.Message}) vs optimum {a.Solver.Objective}")
            .And(Close(aOnDuplicated.Solver.Objective, b.Solver.Objective))
            .Label($"the original's policy on the duplicated instance: {aOnDuplicated.Solver.Objective} ({aOnDuplicated.Solver.Message}) vs optimum {b.Solver.Objective}");
    }

    private static readonly SolveOptions Exact = new() { RelativeGap = 1e-9, ShadowPrices = false };

    private static StockpileInstance Duplicate(StockpileInstance instance, int k) => instance with
    {
        Scenarios = instance.Scenarios.SelectMany(s => Enumerable.Range(0, k).Select(i =>
            s with { Id = $"{s.Id}-{i}", Probability = s.Probability / k })).ToArray(),
    };

    // NaN (no plan) is never close to anything.
    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Abs(x));
}

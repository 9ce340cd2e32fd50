using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class ScenarioDuplicationTests
{
    // Replacing each scenario by k copies with probability π/k describes the same
    // distribution, so the optimum and the first-stage policy must not change. The policy is
    // compared in INDEPENDENT mode: in JOINT mode with equal prices on both sides of a
    // sharing link, which country holds a shared tonne is a genuine tie (alternative
    // optima), so there only the optimum is compared.
    [Property(MaxTest = 5)]
    public Property Duplicating_scenarios_leaves_the_policy_unchanged(PositiveInt seed, bool riskAverse)
    {
        var (a, b, k) = SolveBoth(seed.Get, CooperationMode.Independent, riskAverse);
        var sameObjective = Math.Abs(a.Solver.Objective - b.Solver.Objective) <= 1e-6 * Math.Max(1, Math.Abs(a.Solver.Objective));
        var samePolicy = PolicyKey(a) == PolicyKey(b);
        return (sameObjective && samePolicy).Label($"k={k}: {a.Solver.Objective} vs {b.Solver.Objective}; {PolicyKey(a)} vs {PolicyKey(b)}");
    }

    [Property(MaxTest = 5)]
    public Property Duplicating_scenarios_leaves_the_joint_optimum_unchanged(PositiveInt seed, bool riskAverse)
    {
        var (a, b, k) = SolveBoth(seed.Get, CooperationMode.Joint, riskAverse);
        return (Math.Abs(a.Solver.Objective - b.Solver.Objective) <= 1e-6 * Math.Max(1, Math.Abs(a.Solver.Objective)))
            .Label($"k={k}: {a.Solver.Objective} vs {b.Solver.Objective}");
    }

    private static (SolveResult Original, SolveResult Duplicated, int K) SolveBoth(int seed, CooperationMode mode, bool riskAverse)
    {
        var k = 2 + seed % 3;
        var instance = Generated.Small(seed, riskWeight: riskAverse ? 0.4 : 0).WithPolicy(p => p with { Mode = mode });
        var duplicated = instance with
        {
            Scenarios = instance.Scenarios.SelectMany(s => Enumerable.Range(0, k).Select(i =>
                s with { Id = $"{s.Id}-{i}", Probability = s.Probability / k })).ToArray(),
        };
        var options = new SolveOptions { RelativeGap = 1e-9, ShadowPrices = false };
        return (StockpileSolver.Solve(instance, options), StockpileSolver.Solve(duplicated, options), k);
    }

    private static string PolicyKey(SolveResult r)
    {
        var p = r.Policy!;
        return string.Join(";", p.Stockpiles.Select(s => $"{s.Country}/{s.Material}={s.Tonnes:F4}"))
            + "|" + string.Join(";", p.Tiers.Select(t => $"{t.Country}/{t.Material}={t.Tier}"))
            + "|" + string.Join(";", p.Commitments.Select(c => $"{c.Producer}={c.TonnesPerPeriod:F4}"))
            + "|" + string.Join(";", p.Investments.Select(g => $"{g.Investment}={g.Build}"));
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Checking;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class CheckerAgreementTests
{
    // The independent checker re-evaluates every row and the objective of the returned plan
    // from the data alone; the solver's plan must satisfy them and its objective agree to 1e-6.
    [Theory]
    [InlineData(21, CooperationMode.Joint, 0.0)]
    [InlineData(22, CooperationMode.Joint, 0.5)]
    [InlineData(23, CooperationMode.Independent, 0.0)]
    [InlineData(24, CooperationMode.Independent, 0.5)]
    public void Solver_plans_pass_the_independent_check(int seed, CooperationMode mode, double riskWeight)
    {
        var instance = Generated.Small(seed, riskWeight: riskWeight, periods: 4)
            .WithPolicy(p => p with { Mode = mode, RefillFraction = 0.5 });
        AssertAgrees(instance, StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 }));
    }

    public static TheoryData<int> V2Seeds() => [.. Enumerable.Range(1, 64)];

    // Format-2 instances of many shapes (GeneratorSpec.SmallV2: recipes, holdings, trade and
    // tariff events, every release rule, cost view and contract, coverage by basis and days),
    // in both modes, some with a refill fraction.
    [Theory]
    [MemberData(nameof(V2Seeds))]
    public void Solver_plans_of_v2_instances_pass_the_independent_check(int seed)
    {
        var instance = V2Instance(seed);
        var result = StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 });

        Assert.True(result.Solver.Termination == Termination.Optimal,
            $"seed {seed} ({instance.Name}): {result.Solver.Termination} {result.Solver.Message}");
        AssertAgrees(instance, result, $"seed {seed} ({instance.Name})");
    }

    /// <summary>The v2 instance of a seed: <see cref="GeneratorSpec.SmallV2"/>, INDEPENDENT for every third seed, refill 0.5 for every fourth.</summary>
    internal static StockpileInstance V2Instance(int seed)
    {
        var instance = InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed));
        return instance with
        {
            Policy = instance.Policy with
            {
                Mode = seed % 3 == 0 ? CooperationMode.Independent : CooperationMode.Joint,
                RefillFraction = seed % 4 == 0 ? 0.5 : 0,
            },
        };
    }

    internal static void AssertAgrees(StockpileInstance instance, SolveResult result, string label = "")
    {
        var report = PlanChecker.Check(instance, result);
        Assert.True(report.Violations.Count == 0,
            $"{label}: {report.Violations.Count} violations:\n{string.Join("\n", report.Violations.Take(20))}");
        Assert.True(Math.Abs(report.Objective - result.Solver.Objective) <= 1e-6 * Math.Max(1, Math.Abs(report.Objective)),
            $"{label}: objective {result.Solver.Objective} reported, {report.Objective} recomputed");
        Assert.True(Math.Abs(report.ExpectedCost - result.Kpis!.ExpectedCostUsd) <= 1e-6 * Math.Max(1, Math.Abs(report.ExpectedCost)),
            $"{label}: E[L] {result.Kpis.ExpectedCostUsd} reported, {report.ExpectedCost} recomputed");
    }
}

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

    internal static void AssertAgrees(StockpileInstance instance, SolveResult result)
    {
        var report = PlanChecker.Check(instance, result);
        Assert.Empty(report.Violations);
        Assert.Equal(report.Objective, result.Solver.Objective, 1e-6 * Math.Max(1, Math.Abs(report.Objective)));
        Assert.Equal(report.ExpectedCost, result.Kpis!.ExpectedCostUsd, 1e-6 * Math.Max(1, report.ExpectedCost));
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Properties;

namespace StockpileOptimizer.Model.Tests.Solving;

public sealed class FixedPolicyTests
{
    [Fact]
    public void Evaluating_the_optimal_policy_on_its_own_scenarios_reproduces_the_optimum()
    {
        var instance = Generated.Small(41, riskWeight: 0.3);
        var optimal = StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 });
        var evaluated = StockpileSolver.Solve(instance, new SolveOptions { FixedPolicy = optimal.Policy });

        Assert.Equal(Termination.Optimal, evaluated.Solver.Termination);
        Assert.Equal("GLOP", evaluated.Solver.Solver);
        Assert.Equal(optimal.Solver.Objective, evaluated.Solver.Objective, 1e-6 * optimal.Solver.Objective);
        CheckerAgreementTests.AssertAgrees(instance, evaluated);
    }

    [Theory]
    // Newsvendor damage 30: with no stockpile the halt's 60 t shortfall costs 0.5·60·30 = 900;
    // with the optimal 60 t it is 720; with 30 t: 12·30 + 0.5·30·30 = 810.
    [InlineData(0, 900)]
    [InlineData(30, 810)]
    [InlineData(60, 720)]
    public void A_given_stockpile_costs_what_the_hand_computation_says(double tonnes, double expected)
    {
        var policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", tonnes, 0)] };
        var result = StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30), new SolveOptions { FixedPolicy = policy });

        Assert.Equal(expected, result.Solver.Objective, 6);
        Assert.Equal(tonnes, result.Policy!.Stockpiles.Single().Tonnes, 6);
    }

    [Fact]
    public void A_policy_naming_unknown_ids_is_rejected_with_field_paths()
    {
        var policy = new Policy
        {
            Stockpiles = [new StockpileTarget("ZZ", "m", 1, 0)],
            Commitments = [new BolrCommitment("A", "nobody", -1)],
        };
        var error = Assert.Throws<InvalidInstanceException>(() =>
            StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30), new SolveOptions { FixedPolicy = policy }));

        Assert.Equal(
            ["fixedPolicy.commitments[0].producer", "fixedPolicy.commitments[0].tonnesPerPeriod", "fixedPolicy.stockpiles[0].country"],
            error.Violations.Select(v => v.Path).Order());
    }

    [Fact]
    public void A_policy_that_breaks_the_budget_is_reported_infeasible_with_a_reason()
    {
        var policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 1000, 0)] };
        var result = StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30, budget: 100), new SolveOptions { FixedPolicy = policy });

        Assert.Equal(Termination.Infeasible, result.Solver.Termination);
        Assert.Contains("fixed policy is infeasible", result.Solver.Message, StringComparison.Ordinal);
    }
}

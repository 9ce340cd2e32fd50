using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

/// <summary>
/// Inputs at the edges of what the engine accepts still get the hand-derived answer: any int
/// as a seed, and a budget far above the costs (a loose row must not scale the costs away).
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public void Every_int_is_a_seed(int seed)
    {
        // The newsvendor with damage 30 stocks the 60 t halt shortfall at 12 USD/t: 720.
        var result = StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30), new SolveOptions { Seed = seed });

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(720, result.Solver.Objective, 6);
    }

    [Theory]
    [InlineData(1e6)]
    [InlineData(1e9)]
    [InlineData(1e13)]
    [InlineData(1e15)]
    public void A_budget_far_above_the_costs_leaves_the_optimum_alone(double budget)
    {
        var result = StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30, budget: budget));

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(60, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(720, result.Solver.Objective, 6);
    }

    [Theory]
    // Largest budget to ~1,000 units, unless the largest per-tonne cost (here damage 30) would fall below 1.
    [InlineData(1e3, 1)]
    [InlineData(1e6, 0.1)]
    [InlineData(1e15, 0.1)]
    public void The_money_scale_keeps_the_costs_at_or_above_one_unit(double budget, double scale)
    {
        Assert.Equal(scale, StockpileSolver.MoneyScale(HandInstances.Newsvendor(damage: 30, budget: budget)), 12);
    }

    [Fact]
    public void The_default_instance_is_solved_in_millions_of_dollars()
    {
        // Budgets of 1e9 USD and damages up to 5e6 USD/t: 1e-6 either way.
        Assert.Equal(1e-6, StockpileSolver.MoneyScale(InstanceJson.Default()), 15);
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

public sealed class NewsvendorTests
{
    // One period, demand 100, the halt (π = 0.5) leaves 40 % of imports: shortfall 60 t.
    // A tonne of stockpile costs acquisition 10 + holding 2 (paid on the opening stock) = 12
    // in every scenario and saves π·damage in expectation. Critical fractile: stock the
    // whole halt shortfall when 0.5·damage > 12, i.e. damage > 24, else nothing.

    [Fact]
    public void Stocks_the_halt_shortfall_when_expected_damage_exceeds_acquisition_plus_holding()
    {
        // damage 30: 0.5·30 = 15 > 12 → x = 60; cost 12·60 = 720 in both scenarios, no shortage.
        var result = Checked.Solve(HandInstances.Newsvendor(damage: 30));

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(60, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(720, result.Solver.Objective, 6);
        Assert.Equal(0, result.Kpis!.ExpectedShortageTonnes, 6);
    }

    [Fact]
    public void Stocks_nothing_when_expected_damage_is_below_acquisition_plus_holding()
    {
        // damage 20: 0.5·20 = 10 < 12 → x = 0; cost 0.5·60·20 = 600 (shortage in the halt).
        var result = Checked.Solve(HandInstances.Newsvendor(damage: 20));

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(0, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(600, result.Solver.Objective, 6);
        Assert.Equal(30, result.Kpis!.ExpectedShortageTonnes, 6);
    }

    [Theory]
    [InlineData(0.1, 0)]   // 0.1·100 = 10 < 12 → nothing
    [InlineData(0.2, 60)]  // 0.2·100 = 20 > 12 → the shortfall
    [InlineData(0.9, 60)]
    public void The_threshold_moves_with_the_halt_probability(double probability, double expected)
    {
        var result = Checked.Solve(HandInstances.Newsvendor(damage: 100, haltProbability: probability));

        Assert.Equal(expected, result.Policy!.Stockpiles.Single().Tonnes, 6);
    }
}

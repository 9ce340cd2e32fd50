using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>The cost view: the users' price premium counts in the economy view only.</summary>
public sealed class CostViewTests
{
    [Theory]
    // H = 1, demand 100 t (damage 100), imports 100 t, never throttled. "spike" (π = 0.5) lifts
    // the price from P̄ = 10 to 25 (× 2.5); "calm" (π = 0.5) leaves it. No shortage is possible,
    // nothing may be released (no emergency, no deficit) and stock is useless (x = 0).
    // Economy: users buy 100 t at 25: premium (25 − 10)·100 = 1500 in the spike → E = 750.
    [InlineData(CostView.Economy, 1500, 750)]
    // Fiscal: users' outlay is not the programme's: the spike costs nothing.
    [InlineData(CostView.Fiscal, 0, 0)]
    public void A_price_spike_costs_users_the_premium_on_what_they_buy_in_the_economy_view(
        CostView view, double spikeLoss, double objective)
    {
        var instance = Base("spike", 1) with
        {
            Demands = [Demand("A", "m", "k", 100, 100)],
            ImportSources = [new ImportSource { Id = "x" }],
            Imports = [Import("A", "m", "x", 100)],
            Scenarios = [Scenario("calm", 0.5), Scenario("spike", 0.5, Price("m", 1, 1, 2.5))],
            Policy = Plain(view: view),
        };

        var result = SolveOptimal(instance);

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(spikeLoss, result.Path("spike").CostUsd, Tol);
        Assert.Equal(0, result.Path("calm").CostUsd, Tol);
        Assert.Equal(0, result.Fiscal("spike"), Tol);
        AssertSeries([0], result.Shortage("spike"));
        Assert.Equal(0, result.Stockpile(), Tol);
    }
}

using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// Budget rows hold in every scenario, but the master sees only the first stage: a plan it
/// proposes may leave some sample with no recourse inside its budget. Feasibility cuts must
/// then cut that plan off; where no plan fits any budget the decomposition says so.
/// </summary>
public sealed class BendersBudgetTests
{
    // The newsvendor over two quarters (acquisition 10, holding 2 per period on opening stock,
    // demand 100 t per period, damage 30/t), calm and a halt (π ½ each) leaving 40 % of imports
    // in both periods: the halt lacks 60 t per period. Releases are allowed only in the halt.
    //
    // calm: nothing can be released, so I_1 = I_2 = x and F = 10x + 2x + 2x = 14x.
    // halt: releasing r_1 in period 1 saves holding on it: F = 14x − 2r_1, damage 30(120 − r_1 − r_2).
    // Without a budget, a tonne released in period 1 costs ½·14 + ½·12 = 13 against ½·30 = 15
    // saved, one released in period 2 costs 14 against 15: x = 120, whose calm outlay 1,680 is
    // over a budget of 1,120 — that first stage has no recourse in calm.
    // With the budget, 14x ≤ 1,120 in calm: x ≤ 80, and the objective falls by ½·30 − 14 = 1
    // per tonne up to there, so x = 80 (unique): calm L = 1,120; halt r = (60, 20),
    // F = 1,120 − 120 = 1,000 (the budget does not bind there), shortage 40 t → 1,200,
    // L = 2,200. Objective ½·1,120 + ½·2,200 = 1,660.
    private const double Budget = 1120, Stock = 80, Objective = 1660;

    private static StockpileInstance BudgetBound() => HandInstances.Newsvendor(damage: 30, periods: 2, budget: Budget);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_budget_bound_optimum_needs_feasibility_cuts_and_equals_the_hand_value(int cutGroups)
    {
        var instance = BudgetBound();
        using var farm = new RecordingFarm();

        var benders = Benders(instance, Spec(instance.Scenarios, cutGroups), farm: farm);
        var extensive = Extensive(instance, Spec(instance.Scenarios));

        AssertSameValue(benders, extensive, $"budget-bound newsvendor, {cutGroups} cut groups");
        Assert.True(farm.InfeasibleAnswers > 0, "no sample was ever without recourse: no feasibility cut was made");
        Assert.Equal(Objective, benders.ObjectiveUsd, 1e-6 * Objective);
        Assert.Equal(Objective, extensive.ObjectiveUsd, 1e-6 * Objective);
        Assert.Equal(Stock, benders.Policy!.Stockpiles.Single().Tonnes, 1e-6);
    }

    [Fact]
    public void No_plan_within_the_budget_ends_infeasible_with_a_message()
    {
        // A 12-month coverage floor of 100 t per quarter needs x ≥ 400 t, which costs
        // 12·400 = 4,800 in every scenario against a budget of 1,000: no plan at all.
        var instance = HandInstances.Newsvendor(damage: 30, budget: 1000)
            .WithPolicy(p => p with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] });

        var benders = Benders(instance, Spec(instance.Scenarios));

        Assert.True(benders.Termination == Termination.Infeasible, $"{benders.Termination}: {benders.Message}");
        Assert.Null(benders.Policy);
        Assert.False(string.IsNullOrWhiteSpace(benders.Message));
        Assert.Equal(Termination.Infeasible, Extensive(instance, Spec(instance.Scenarios)).Termination);
    }
}

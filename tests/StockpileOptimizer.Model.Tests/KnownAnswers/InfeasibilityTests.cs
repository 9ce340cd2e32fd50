using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

public sealed class InfeasibilityTests
{
    [Fact]
    public void A_budget_too_small_for_the_coverage_floor_is_diagnosed_with_both_ways_out()
    {
        // Defence demand 100 t per quarter = 33.33 t/month; a 12-month floor needs x ≥ 400 t,
        // which costs 12·400 = 4,800 (acquisition + holding) in every scenario, but the budget
        // is 1,000. Either the budget rises by 3,800 — one increase that serves both scenarios,
        // the largest over them, not their sum of 7,600 — or the floor falls to what 1,000
        // buys: 1000/12 = 83.33 t, i.e. by 316.67 t.
        // Storage (1e6 t) is not part of the conflict and no refill rows exist.
        var instance = HandInstances.Newsvendor(damage: 30, budget: 1000)
            .WithPolicy(p => p with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] });

        var result = Checked.Solve(instance);

        Assert.Equal(Termination.Infeasible, result.Solver.Termination);
        Assert.Null(result.Policy);
        var diagnosis = result.Diagnosis!;
        Assert.Equal(["budget", "coverage"], diagnosis.ConflictingFamilies);

        var budget = diagnosis.Alone.Single(a => a.Family == "budget");
        Assert.True(budget.RestoresFeasibility);
        Assert.Equal("USD", budget.Unit);
        Assert.Equal(3800, budget.TotalAmount, 4);
        Assert.Equal("budget[A]", budget.Rows.Single().Row);
        Assert.Equal(3800, budget.Rows.Single().Amount, 4);

        var coverage = diagnosis.Alone.Single(a => a.Family == "coverage");
        Assert.True(coverage.RestoresFeasibility);
        Assert.Equal(400 - 1000.0 / 12, coverage.TotalAmount, 4);
        Assert.Equal("coverage[A,m]", coverage.Rows.Single().Row);

        var storage = diagnosis.Alone.Single(a => a.Family == "storage");
        Assert.False(storage.RestoresFeasibility);
        Assert.DoesNotContain(diagnosis.Alone, a => a.Family == "refill");
    }

    [Fact]
    public void A_refill_the_budget_cannot_pay_for_is_diagnosed()
    {
        // Two periods; the halt lasts both. Budget 1,000 and refill θ = 1: whatever is released
        // must be rebought at 10/t by the end, but the halt leaves no market to buy from (40 %
        // imports against 100 t demand), so every released tonne breaks the refill — the plan
        // is still feasible by not releasing. Then a coverage floor above the budget forces the
        // conflict into budget and coverage only: refill is not a conflicting family.
        var instance = HandInstances.Newsvendor(damage: 30, budget: 1000, periods: 2)
            .WithPolicy(p => p with
            {
                RefillFraction = 1,
                CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }],
            });

        var result = Checked.Solve(instance);

        Assert.Equal(Termination.Infeasible, result.Solver.Termination);
        var refill = result.Diagnosis!.Alone.Single(a => a.Family == "refill");
        Assert.False(refill.RestoresFeasibility);
        Assert.Equal(["budget", "coverage"], result.Diagnosis.ConflictingFamilies);
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>The infeasibility diagnosis reports each country's smallest single budget increase.</summary>
public sealed class DiagnosisTests
{
    [Fact]
    public void The_budget_relaxation_is_the_largest_scenario_shortfall_not_the_sum()
    {
        // Newsvendor (damage 30) with a budget of 1,000, released stock sold at P = 10, and a floor
        // of 12 months of defence demand (100/3 t a month): x ≥ 400 t, costing acquisition 4,000 +
        // holding 800 = 4,800 in every scenario.
        //   calm: nothing may be released (no emergency, no deficit): outlay 4,800 → 3,800 over.
        //   halt: the shortage rule releases up to the gap, 100 − 40 = 60 t, each earning 10:
        //   outlay 4,800 − 600 = 4,200 → 3,200 over.
        // One budget increase serves every scenario: 3,800 (the largest), where summing the
        // scenarios' shortfalls would say 7,000. Alone, the coverage floor must fall to what the
        // calm outlay allows: 12·x ≤ 1,000 → x = 250/3, i.e. by 400 − 250/3 t.
        var instance = Newsvendor(damage: 30, budget: 1000) with
        {
            Policy = Plain(releaseFraction: 1) with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };

        var result = Checked.Solve(instance);

        Assert.Equal(Termination.Infeasible, result.Solver.Termination);
        var diagnosis = result.Diagnosis!;
        Assert.Equal(["budget", "coverage"], diagnosis.ConflictingFamilies);
        var budget = diagnosis.Alone.Single(a => a.Family == "budget");
        Assert.True(budget.RestoresFeasibility);
        Assert.Equal("USD", budget.Unit);
        Assert.Equal(3800, budget.TotalAmount, 4);
        var row = Assert.Single(budget.Rows);
        Assert.StartsWith("budget[A", row.Row);
        Assert.Equal(3800, row.Amount, 4);
        var coverage = diagnosis.Alone.Single(a => a.Family == "coverage");
        Assert.True(coverage.RestoresFeasibility);
        Assert.Equal(400 - 250.0 / 3, coverage.TotalAmount, 4);
    }
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

// Policy families: sharing, budget, coverage, investment with cost shares.
public sealed partial class FamilyTests
{
    [Theory]
    // JOINT: A imports 140 t (≤ 200) and sends 40 t to B; B is short 60 t → 0.5·60·20 = 600.
    [InlineData(CooperationMode.Joint, 40, 600)]
    // INDEPENDENT: no arcs, B is short 100 t → 0.5·100·20 = 1000.
    [InlineData(CooperationMode.Independent, 0, 1000)]
    public void Sharing_moves_surplus_import_access_to_the_country_in_a_halt(CooperationMode mode, double transfer, double objective)
    {
        // Sharing: the halt stops B's only source; A's source has 100 t to spare; the link carries
        // 40 t a period each way. Stockpiles stay at zero: 0.5·20 = 10 < 10 + 2 = 12.
        var result = SolveOptimal(FamilyInstances.Sharing(mode));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(0, Stockpile(result, "A"), Tol);
        Assert.Equal(0, Stockpile(result, "B"), Tol);
        AssertSeries([100 - transfer], Shortage(result, "halt", "k", "B"));
        AssertSeries([0], Shortage(result, "halt", "k", "A"));
        var transfers = Path(result, "halt").Transfers;
        if (mode == CooperationMode.Independent)
        {
            Assert.Empty(transfers);
        }
        else
        {
            AssertSeries([transfer], transfers.Single(e => e.From == "A" && e.To == "B").Tonnes);
            AssertSeries([0], transfers.Single(e => e.From == "B" && e.To == "A").Tonnes);
            AssertSeries([100 + transfer], Path(result, "halt").Imports.Single(i => i.Country == "A").Tonnes);
        }
    }

    [Fact]
    public void Budget_binds_in_the_halt_scenario_and_cuts_the_stockpile()
    {
        // Budget: H = 2, θ = 1, halt shortfall 60 t in period 1 (damage 100), price 10 throughout.
        // Outlay per stockpiled tonne: calm keeps it: 10 + 2 + 2 = 14; halt releases it in period 1
        // and must rebuy it in period 2: 10 + 2 + 0 + 10 = 22. Unconstrained x = 60 would need
        // 22·60 = 1320 in the halt. The budget 880 holds in every scenario, so the halt row binds:
        // x = 880 / 22 = 40 (the calm uses 14·40 = 560, the average 720 — both below 880).
        //   E = 0.5·560 + 0.5·(880 + 20·100) = 280 + 1440 = 1720.
        // Halt budget shadow: 22 USD more buys one tonne: saves 0.5·100 − (0.5·14 + 0.5·22) = 32
        // → 32/22 = 16/11 USD per USD; the calm row is slack (0).
        var result = SolveOptimal(FamilyInstances.Budget(880));

        Assert.Equal(40, Stockpile(result), Tol);
        Assert.Equal(1720, result.Solver.Objective, Tol);
        Assert.Equal(560, Fiscal(result, "calm"), Tol);
        Assert.Equal(880, Fiscal(result, "halt"), Tol);
        AssertSeries([20, 0], Shortage(result, "halt", "k"));
        AssertSeries([0, 40], MaterialPath(result, "halt").Purchases);
        var use = result.Kpis!.BudgetUse.Single();
        Assert.Equal(880, use.WorstOutlayUsd, Tol);
        Assert.Equal(720, use.ExpectedOutlayUsd, Tol);
        var shadows = result.ShadowPrices!.Budgets;
        Assert.Equal(16.0 / 11, shadows.Single(b => b.Scenario == "halt").UsdPerUsd, Tol);
        Assert.Equal(0, shadows.Single(b => b.Scenario == "calm").UsdPerUsd, Tol);
    }

    [Theory]
    // no floor: newsvendor says zero (0.5·20 = 10 and 0.5·10 = 5 are both below 12); the halt
    // shortfall 60 falls on civ (40 t, 400) then def (20 t, 400) → 0.5·800 = 400.
    [InlineData(0, 0, 400)]
    // 2 months: x = 2 · 60/3 = 40 (civ demand does not count). 12·40 = 480 in both scenarios; the
    // remaining 20 t of halt shortfall fall on civ: 0.5·20·10 = 100 → 580.
    [InlineData(2, 40, 580)]
    public void Coverage_floor_forces_months_of_defence_demand(double months, double stockpile, double objective)
    {
        var result = SolveOptimal(FamilyInstances.Coverage(months));

        Assert.Equal(stockpile, Stockpile(result), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        AssertSeries([Math.Max(0, 20 - stockpile)], Shortage(result, "halt", "def"));
        // Months of cover are reported against all-sector demand (100 t / 3 months): x·3/100.
        Assert.Equal(stockpile * 3 / 100, result.Policy!.Stockpiles.Single().MonthsOfCover, Tol);
    }

    [Theory]
    // JOINT, A's budget 400: build; w_A + w_B = 1000, w_B ≤ 0.6·1000 = 600 and w_A ≤ budget 400
    // → w_A = 400, w_B = 600 (both bounds tight); cost 1000, no shortage.
    [InlineData(CooperationMode.Joint, 400, true, 400, 600, 1000)]
    // JOINT, A's budget 250 < its minimum share 0.3·1000 = 300: no build → 100·50 = 5000.
    [InlineData(CooperationMode.Joint, 250, false, 0, 0, 5000)]
    // INDEPENDENT: the host A alone would pay 1000 > 400: no build → 5000.
    [InlineData(CooperationMode.Independent, 400, false, 0, 0, 5000)]
    public void Investment_cost_shares_stay_within_their_bounds(
        CooperationMode mode, double budgetA, bool build, double shareA, double shareB, double objective)
    {
        // SharedInvestment: the plant (1000 USD) saves 100 t · 50 = 5000 of damage, so it is built
        // whenever the shares can be paid.
        var result = SolveOptimal(FamilyInstances.SharedInvestment(mode, budgetA));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        var decision = result.Policy!.Investments.Single();
        Assert.Equal(build, decision.Build);
        Assert.Equal(shareA, decision.CostShares.Single(w => w.Country == "A").Usd, Tol);
        if (mode == CooperationMode.Joint)
        {
            Assert.Equal(shareB, decision.CostShares.Single(w => w.Country == "B").Usd, Tol);
        }
        else
        {
            Assert.DoesNotContain(decision.CostShares, w => w.Country == "B");
        }
        Assert.Equal(shareA, Fiscal(result, "base", "A"), Tol);
        Assert.Equal(shareB, Fiscal(result, "base", "B"), Tol);
    }
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

// Supply-side families: balance, imports, capacity (ramp and build), price-war survival.
public sealed partial class FamilyTests
{
    [Fact]
    public void Balance_leaves_the_shortage_to_the_cheapest_damage_sector_first()
    {
        // TwoSectors: halt leaves 40 of 100 t, shortfall 60 t over "def" (damage 100) and "civ"
        // (damage 10). A stockpiled tonne costs 10 + 2 = 12 in both scenarios and saves π·damage
        // = 0.5·100 = 50 for def, 0.5·10 = 5 for civ. So the halt shortfall is left to civ first
        // (all 50 t of it) and only the remaining 10 t would fall on def, which the stockpile
        // covers: x = 10.
        //   calm: 12·10 = 120.  halt: 120 + civ 50·10 = 620.  E = 0.5·120 + 0.5·620 = 370.
        var result = SolveOptimal(FamilyInstances.TwoSectors());

        Assert.Equal(10, Stockpile(result), Tol);
        Assert.Equal(370, result.Solver.Objective, Tol);
        AssertSeries([0], Shortage(result, "halt", "def"));
        AssertSeries([50], Shortage(result, "halt", "civ"));
        AssertSeries([10], MaterialPath(result, "halt").Releases);
    }

    [Fact]
    public void Imports_are_bounded_per_source_and_only_the_throttled_source_falls()
    {
        // TwoSources: cn 80 t + ally 50 t. The halt throttles cn alone to 25 % → 20 t; ally stays
        // at 50 t, so 70 t are available and the shortfall is 30 t. Newsvendor: 0.5·30 = 15 > 12
        // → x = 30, used in full in the halt with both import rows at their bound (20 and 50).
        //   cost 12·30 = 360 in both scenarios, no shortage → objective 360.
        var result = SolveOptimal(FamilyInstances.TwoSources());

        Assert.Equal(30, Stockpile(result), Tol);
        Assert.Equal(360, result.Solver.Objective, Tol);
        var imports = Path(result, "halt").Imports;
        AssertSeries([20], imports.Single(i => i.Source == "cn").Tonnes);
        AssertSeries([50], imports.Single(i => i.Source == "ally").Tonnes);
        Assert.Equal(0, result.Kpis!.ExpectedShortageTonnes, Tol);
    }

    [Theory]
    // capex 1000 < 3000 saved → build; capex 4000 > 3000 → not worth it.
    [InlineData(1000, true, 14000)]
    [InlineData(4000, false, 16000)]
    public void Ramp_limits_how_fast_operable_capacity_reaches_an_investment(double capex, bool build, double objective)
    {
        // Ramp: demand 100 t a period for 4 periods (damage 50), only producer p (K0 = 20, ramp 10).
        // Without g: build row K ≤ 20 → output 20·4 = 80, shortage 320 t → 16000.
        // With g (+60 t from period 2, lead time 1): build caps K1 at 20 (not 30 by ramp), then
        // K2 ≤ 80 but ramp gives K = [20, 30, 40, 50] — not 80 — so output 140, shortage 260 t
        // → 13000 + capex. Build iff capex < 16000 − 13000 = 3000.
        var result = SolveOptimal(FamilyInstances.Ramp(capex));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(build, result.Policy!.Investments.Single().Build);
        AssertSeries(build ? [20, 30, 40, 50] : [20, 20, 20, 20], Producer(result, "base").Capacity);
        Assert.Equal(0, Stockpile(result), Tol);
    }

    [Theory]
    // no commitment: K1 = 0, K2 = 10, shortage 90 → 9000.
    [InlineData(0, 0, 9000)]
    // commitment capped at 20: b1 = 20 costs 4·20 = 80; K = [20, 30], shortage 70 → 7000 + 80 = 7080.
    [InlineData(20, 20, 7080)]
    // room for 50: b1 = 40 suffices (K2 ≤ min(40 + 10, 50)); 4·40 = 160 + shortage 50·100 → 5160.
    [InlineData(50, 40, 5160)]
    public void Price_war_survival_needs_a_buyer_of_last_resort_commitment(double maxCommitment, double bought, double objective)
    {
        // PriceWarThenHalt: period 1 price 5 < unit cost 8 → survival row K1 ≤ bR + bS ≤ q; imports
        // (100 t) still cover demand. Period 2: imports halted, price 20 (no war), K2 ≤ K1 + 10 and
        // ≤ 50, shortage 100 − K2 at damage 100. Keeping k t of capacity in period 1 means buying
        // k t at the floor and reselling: (9 − 5)·k = 4k, and saves 100 per tonne in period 2
        // (up to k = 40, where the base capacity 50 caps K2). Stocking it (bS, 9 a tonne) is dearer
        // and the stockpile (acquisition 1000) is never worth it.
        var result = SolveOptimal(FamilyInstances.PriceWarThenHalt(maxCommitment));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        var producer = Producer(result, "war-halt");
        AssertSeries([bought, bought + 10], producer.Capacity);
        Assert.Equal(bought, producer.BolrResold[0], Tol);
        Assert.Equal(0, producer.BolrStocked[0], Tol);
        Assert.Equal(4 * bought, Component(result, "bolr"), Tol);
        AssertSeries([0, 90 - bought], Shortage(result, "war-halt", "k"));
        // q is free of cost, so any q in [bought, maxCommitment] is optimal.
        var q = result.Policy!.Commitments.Single().TonnesPerPeriod;
        Assert.InRange(q, bought - Tol, maxCommitment + Tol);
    }
}

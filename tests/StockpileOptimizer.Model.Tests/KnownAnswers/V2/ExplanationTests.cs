using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>The "why" of a plan (SolveOptions.Explain) on cases whose numbers are derived by hand.</summary>
public sealed class ExplanationTests
{
    private static StockpileWhy Why(SolveResult result) => result.Explanation!.Stockpiles.Single(s => s.Country == "A" && s.Material == "m");

    [Fact]
    public void A_stockpile_below_the_threshold_is_worth_what_a_forced_tonne_loses()
    {
        // Newsvendor, damage 20: x = 0. A tonne forced in costs 12 and saves 0.5·20 = 10: the
        // objective rises by 2 → marginal value −2. The halt stays 60 t short: 0.5·60 = 30 expected.
        var result = SolveExplained(Newsvendor(damage: 20));

        var why = Why(result);
        Assert.Equal(0, why.Tonnes, Tol);
        Assert.Equal(-2, why.MarginalValueUsdPerTonne, Tol);
        Assert.Equal(0, why.ExpectedReleasedTonnes, Tol);
        Assert.Equal(30, why.ExpectedShortageTonnes, Tol);
        Assert.Empty(why.Releases);
    }

    [Fact]
    public void A_stockpile_that_covers_the_whole_shortfall_loses_on_the_next_tonne_and_says_when_it_is_released()
    {
        // Newsvendor, damage 30: x = 60, the halt's whole shortfall. The marginal value is the
        // next tonne's (a finite difference): a 61st tonne is never released and costs
        // acquisition + holding = 12 → −12 (the 60th, by contrast, saves 0.5·30 = 15 > 12). The halt
        // (π = 0.5) releases all 60 t in its one period: 30 t expected, no shortage left. In the
        // halt, the scenario of least import availability, stock (60 t) supplies more than imports
        // (40 t): (A, m) is never short because of stock.
        var result = SolveExplained(Newsvendor(damage: 30));

        var why = Why(result);
        Assert.Equal(60, why.Tonnes, Tol);
        Assert.Equal(-12, why.MarginalValueUsdPerTonne, Tol);
        Assert.Equal(30, why.ExpectedReleasedTonnes, Tol);
        Assert.Equal(0, why.ExpectedShortageTonnes, Tol);
        var window = Assert.Single(why.Releases);
        Assert.Equal("halt", window.Scenario);
        Assert.Equal(["t1"], window.Periods);
        Assert.Equal(60, window.Tonnes, Tol);
        var neverShort = Assert.Single(result.Explanation!.NeverShort, n => n.Country == "A" && n.Material == "m");
        Assert.Equal("stock", neverShort.Reason);
    }

    [Fact]
    public void A_stockpile_forced_above_the_free_optimum_by_a_floor_has_a_negative_marginal_value()
    {
        // FamilyInstances.Coverage(2) as formatVersion 2: the floor forces x = 40 where the
        // newsvendor would hold nothing. The halt releases all 40 (def's 20 t, then 20 t of civ),
        // leaving 20 t of civ (damage 10) short. One more tonne forced in costs 10 + 2 = 12 and
        // saves 0.5·10 = 5: marginal value 5 − 12 = −7 (the floor is a policy row, not a cost or a
        // saving of the tonne: it is why the tonne is held, not what it is worth). Released
        // 0.5·40 = 20, short 0.5·20 = 10.
        var v1 = FamilyInstances.Coverage(2);
        var instance = v1 with { FormatVersion = 2, Policy = Plain() with { CoverageFloors = v1.Policy.CoverageFloors } };

        var result = SolveExplained(instance);

        var why = Why(result);
        Assert.Equal(40, why.Tonnes, Tol);
        Assert.Equal(-7, why.MarginalValueUsdPerTonne, Tol);
        Assert.Equal(20, why.ExpectedReleasedTonnes, Tol);
        Assert.Equal(10, why.ExpectedShortageTonnes, Tol);
    }

    [Theory]
    // FamilyInstances.Ramp as formatVersion 2 (derived in FamilyTests.Supply): without the build
    // the shortage costs 16,000; with it 13,000 + capex.
    // capex 1,000: built, objective 14,000; flipped (not built) 16,000 → worth 16,000 − 14,000 = 2,000.
    [InlineData(1000, true, 14000, 16000, 2000)]
    // capex 4,000: not built, objective 16,000; flipped (built) 17,000 → worth 16,000 − 17,000 = −1,000.
    [InlineData(4000, false, 16000, 17000, -1000)]
    public void A_build_is_worth_the_difference_of_the_objectives_with_and_without_it(
        double capex, bool build, double objective, double flipped, double value)
    {
        var result = SolveExplained(FamilyInstances.Ramp(capex) with { FormatVersion = 2, Policy = Plain() });

        Assert.Equal(objective, result.Solver.Objective, Tol);
        var why = result.Explanation!.Investments.Single(g => g.Investment == "g");
        Assert.Equal(build, why.Build);
        Assert.Equal(flipped, why.ObjectiveIfFlippedUsd, Tol);
        Assert.Equal(value, why.ValueUsd, Tol);
    }

    [Fact]
    public void Tier_steps_price_the_tier_up_and_down()
    {
        // FamilyInstances.PrivateStock(20) as formatVersion 2 (derived in FamilyTests.Stock): tier
        // "10" (cost 2·0.1·20·30 = 120, 30 t) is chosen, objective 120 + 0.5·30·20 = 420.
        // Up, tier "30": cost 720 (+600), 60 t (+30), no shortage: objective 720 (+300).
        // Down, tier "0": cost 0 (−120), 0 t (−30), shortage 60 t (a government tonne costs
        // 30 > 0.5·20): objective 0.5·60·20 = 600 (+180).
        var result = SolveExplained(FamilyInstances.PrivateStock(20) with { FormatVersion = 2, Policy = Plain() });

        Assert.Equal(420, result.Solver.Objective, Tol);
        var why = result.Explanation!.Tiers.Single(t => t.Country == "A" && t.Material == "m");
        Assert.Equal("10", why.Tier);
        Assert.Equal(120, why.CostUsd, Tol);
        Assert.Equal(30, why.InducedTonnes, Tol);
        Assert.NotNull(why.Up);
        Assert.Equal("30", why.Up.Tier);
        Assert.Equal(600, why.Up.ExtraCostUsd, Tol);
        Assert.Equal(30, why.Up.ExtraInducedTonnes, Tol);
        Assert.Equal(300, why.Up.ObjectiveChangeUsd, Tol);
        Assert.NotNull(why.Down);
        Assert.Equal("0", why.Down.Tier);
        Assert.Equal(-120, why.Down.ExtraCostUsd, Tol);
        Assert.Equal(-30, why.Down.ExtraInducedTonnes, Tol);
        Assert.Equal(180, why.Down.ObjectiveChangeUsd, Tol);
    }

    [Fact]
    public void A_commitment_reports_its_expected_top_ups_fee_and_the_capacity_it_keeps()
    {
        // TopUpContractTests.WarThenHalt(20): q = 30. Top-ups: calm (12 − 10)·30·2 = 120, war-halt
        // (5 + 1)·30 = 180 → E = 0.5·120 + 0.5·180 = 150; fee 2·1·30 = 60. The price war is
        // period 1 of "war-halt", where the commitment keeps 30 t of capacity (K1 = q).
        var result = SolveExplained(TopUpContractTests.WarThenHalt(20));

        var why = result.Explanation!.Commitments.Single(c => c.Producer == "p");
        Assert.Equal(30, why.TonnesPerPeriod, Tol);
        Assert.Equal(150, why.ExpectedFloorPaymentsUsd, Tol);
        Assert.Equal(60, why.ExpectedFeeUsd, Tol);
        var kept = Assert.Single(why.CapacityKeptAlive);
        Assert.Equal("war-halt", kept.Scenario);
        Assert.Equal(["t1"], kept.Periods);
        Assert.Equal(30, kept.TonnesPerPeriod, Tol);
    }
}

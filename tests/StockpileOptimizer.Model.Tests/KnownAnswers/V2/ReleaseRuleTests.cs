using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>The release rule (emergency | shortage | market) and release revenue.</summary>
public sealed class ReleaseRuleTests
{
    /// <summary>
    /// One calm scenario (π = 1, no event), H = 2. Demand 100 t then 120 t (damage 30), imports
    /// "x" 100 t a period: period 1 is balanced, period 2 has a structural deficit of 20 t. 50 t
    /// are held at t = 0 (price 10, acquisition 10, holding 2); end stock is worth θ·P̄ = 9.
    /// </summary>
    private static StockpileInstance CalmDeficit(ReleaseRule rule, double releaseFraction) => Base("calm-deficit", 2) with
    {
        Demands = [Demand("A", "m", "k", 30, 100, 120)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("A", "m", "x", 100)],
        Scenarios = [Scenario("calm", 1)],
        Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = 50 }],
        Policy = Plain(rule, releaseFraction, terminalFraction: 0.9),
    };

    [Theory]
    // Holding is paid on the opening stock: 2·50 in period 1 whatever happens. Period 2's deficit
    // (20 t) is worth covering from stock by any rule that allows it (30 + π_r·10 > 9). A held
    // tonne not needed for it may be released in period 1 only under `market`: released it earns
    // π_r·10 and saves period 2's holding 2; kept it is worth 9 at the end — release iff
    // π_r·10 > 9 − 2 = 7 (θ·P̄ − holding). In period 2 a surplus tonne earns π_r·10 < 9: kept.
    // Nothing is added (x = 0): a bought tonne costs 12 and has no shortage left to cover.
    //
    // emergency: no import is throttled, so nothing may be released: holding 2·50 + 2·50 = 200,
    // end value −9·50 = −450, period-2 shortage 20·30 = 600 → 350.
    [InlineData(ReleaseRule.Emergency, 0.8, false, false, 0, 0, 350)]
    // shortage: period 2 (demand 120 > 100 guaranteed) only: release 20, keep 30:
    // 200 − 8·20 − 9·30 = −230.
    [InlineData(ReleaseRule.Shortage, 0.8, false, true, 0, 20, -230)]
    // market, π_r = 0.8 (8 > 7): release the 30 t surplus in period 1 and 20 t in period 2:
    // holding 100 + 2·20 = 140, revenue 8·50 = 400 → −260 (keeping the surplus: −230).
    [InlineData(ReleaseRule.Market, 0.8, true, true, 30, 20, -260)]
    // market, π_r = 0.6 (6 < 7): the surplus is kept: 200 − 6·20 − 9·30 = −190.
    [InlineData(ReleaseRule.Market, 0.6, true, true, 0, 20, -190)]
    // shortage, π_r = 0.6: the same plan, −190.
    [InlineData(ReleaseRule.Shortage, 0.6, false, true, 0, 20, -190)]
    public void The_release_rule_decides_whether_a_calm_period_releases(
        ReleaseRule rule, double releaseFraction, bool allowed1, bool allowed2, double release1, double release2, double objective)
    {
        var result = SolveOptimal(CalmDeficit(rule, releaseFraction));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(0, result.Stockpile(), Tol);
        var path = result.MaterialPath("calm");
        Assert.Equal([allowed1, allowed2], path.ReleaseAllowed);
        // Limits: emergency 0 (no throttle); shortage the gap, 0 then 120 − 100 = 20; market none.
        double[] limits = rule switch
        {
            ReleaseRule.Emergency => [0, 0],
            ReleaseRule.Shortage => [0, 20],
            _ => [double.PositiveInfinity, double.PositiveInfinity],
        };
        Assert.Equal(limits, path.ReleaseLimit);
        AssertSeries([release1, release2], path.Releases);
        AssertSeries([50 - release1, 50 - release1 - release2], path.Inventory);
        AssertSeries([0, 20 - release2], result.Shortage("calm"));
    }

    [Theory]
    // The halt is certain (π = 1, 40 of 100 t: shortfall 60 t), damage 30, budget 100.
    // Without revenue: F = 12·x ≤ 100 → x = 25/3; E = 100 + (60 − 25/3)·30 = 1650. One more USD
    // buys 1/12 t saving 30/12: shadow 30/12 − 1 = 1.5.
    [InlineData(0, 25.0 / 3, 1650, 1.5)]
    // Released stock sold at P = 10: F = 12·x − 10·x = 2·x ≤ 100 → x = 50 (below the release
    // limit, the 60 t gap); E = 100 + 10·30 = 400. One more
    // USD buys ½ t saving 15 at a net cost of 1: shadow 14.
    [InlineData(1, 50, 400, 14)]
    public void Release_revenue_relieves_a_binding_budget(double releaseFraction, double stock, double objective, double shadow)
    {
        var instance = CertainHalt(damage: 30, budget: 100).WithEconomics(Plain(releaseFraction: releaseFraction));

        var result = SolveOptimal(instance);

        Assert.Equal(stock, result.Stockpile(), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(100, result.Fiscal("halt"), Tol);
        AssertSeries([stock], result.MaterialPath("halt").Releases);
        Assert.Equal(shadow, result.ShadowPrices!.Budgets.Single().UsdPerUsd, Tol);
    }
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

// Stock families: inventory (flow, cap, refill), storage, private stock and tiers.
public sealed partial class FamilyTests
{
    [Theory]
    // Stocks are released only in an emergency, so calm keeps all 40 t to the end whatever θ:
    // 400 + 80 + 80 = 560. The halt releases 40 in period 1 and rebuys θ·40 at 15.
    // θ = 0: halt 400 + 80 + 0 = 480 → 0.5·560 + 0.5·480 = 520.
    [InlineData(0, 0, 520)]
    // θ = ½: halt rebuys 20 at 15: 480 + 300 = 780 → 0.5·560 + 0.5·780 = 670.
    [InlineData(0.5, 20, 670)]
    // θ = 1: calm keeps all 40: 400 + 80 + 80 = 560; halt rebuys 40 at 15: 480 + 600 = 1080
    // → 0.5·560 + 0.5·1080 = 820.
    [InlineData(1, 40, 820)]
    public void Refill_makes_a_released_stockpile_be_rebought_at_the_scenario_price(double theta, double rebought, double objective)
    {
        // Refill: H = 2, the halt leaves 60 of 100 t in period 1 (shortfall 40); in period 2 imports
        // are back (up to 200 t, so there is room to buy) at price 10 × 1.5 = 15. Damage 100 makes
        // x = 40 worth it for every θ (a tonne costs at most 10 + 2 + 2 + 15 = 29 < 0.5·100·2).
        // Holding is on opening stock: 2·x in period 1 and 2·I1 in period 2. The refill row
        // I2 ≥ θ·x forces the halt to rebuy θ·40 t (I1 = 0 after the release) at the halt's price
        // 15; the calm keeps θ·40 t (holding 2 < buying at 10). Replenishment is bought on the
        // market (−a in the balance): period-2 imports are 100 + a ≤ 200.
        var result = SolveOptimal(FamilyInstances.Refill(theta));

        Assert.Equal(40, Stockpile(result), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        var halt = MaterialPath(result, "halt");
        AssertSeries([40, 0], halt.Releases);
        AssertSeries([0, rebought], halt.Purchases);
        AssertSeries([0, rebought], halt.Inventory);
        AssertSeries([60, 100 + rebought], Path(result, "halt").Imports.Single().Tonnes);
        Assert.Equal(0.5 * 15 * rebought, Component(result, "replenishment"), Tol);
        Assert.Equal(0, result.Kpis!.ExpectedShortageTonnes, Tol);
    }

    [Fact]
    public void Storage_caps_the_stockpile_below_the_newsvendor_optimum()
    {
        // Newsvendor damage 30: 0.5·30 = 15 > 12 → unconstrained x = 60. Storage 25 t caps it at 25.
        //   calm: 12·25 = 300.  halt: 300 + (60 − 25)·30 = 1350.  E = 0.5·300 + 0.5·1350 = 825.
        // Storage shadow: one more tonne saves 0.5·30 − 12 = 3 USD.
        var result = SolveOptimal(HandInstances.Newsvendor(damage: 30, storage: 25));

        Assert.Equal(25, Stockpile(result), Tol);
        Assert.Equal(825, result.Solver.Objective, Tol);
        AssertSeries([35], Shortage(result, "halt", "k"));
        Assert.Equal(3, result.ShadowPrices!.Storage.Single().UsdPerTonne, Tol);
    }

    [Theory]
    // damage 4: 0.5·4 = 2 < 4 a tonne for tier 10 → tier 0, x = 0: 0.5·60·4 = 120.
    [InlineData(4, "0", 0, 0, 120)]
    // damage 20: tier 10 (4 a tonne < 10) but not tier 30 (the extra 30 t cost 600/30 = 20 > 10)
    // nor the stockpile (30 > 10): 120 + 0.5·30·20 = 420.
    [InlineData(20, "10", 30, 120, 420)]
    // damage 100: tier 30 (12 a tonne, all 60 t) beats tier 10 + x = 30 (120 + 30·30 = 1020) and
    // x = 60 (1800): 720.
    [InlineData(100, "30", 60, 720, 720)]
    public void Private_stock_of_the_chosen_tier_is_released_in_the_halt(
        double damage, string tier, double induced, double taxCredit, double objective)
    {
        // PrivateStock: H = 2, halt shortfall 60 t in period 1 (π = 0.5). A government tonne costs
        // acquisition 10 + holding 20 (released in period 1, so no period-2 holding) = 30.
        // Tier cost H·rate·holding·induced, in every scenario: tier 10: 2·0.1·20·30 = 120 (4 a tonne),
        // tier 30: 2·0.3·20·60 = 720 (12 a tonne). A private tonne released in the halt saves 0.5·damage.
        var result = SolveOptimal(FamilyInstances.PrivateStock(damage));

        var choice = result.Policy!.Tiers.Single();
        Assert.Equal(tier, choice.Tier);
        Assert.Equal(induced, choice.InducedTonnes, Tol);
        Assert.Equal(0, Stockpile(result), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(taxCredit, Component(result, "tax-credit"), Tol);
        AssertSeries([induced, 0], MaterialPath(result, "halt").PrivateReleases);
        AssertSeries([60 - induced, 0], Shortage(result, "halt", "k"));
    }
}

using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>
/// Holdings at t = 0: I_0 = G0 + x, acquisition on x only, holding, storage and coverage on
/// G0 + x; private holdings P0 released under the release rule. All on the v2 newsvendor
/// (H = 1, halt π = 0.5 leaves 40 of 100 t: shortfall 60 t; acquisition 10, holding 2).
/// </summary>
public sealed class HoldingsTests
{
    [Fact]
    public void Holdings_count_towards_the_stock_and_only_the_added_tonnes_are_bought()
    {
        // damage 30: a tonne of stock saves 0.5·30 = 15 > 12 up to the 60 t shortfall, so the
        // plan holds 60 t in all; 25 t are there already → x = 35. Acquisition 10·35 = 350,
        // holding 2·60 = 120 (on all stock) → 470 in both scenarios; the halt releases 60.
        var result = SolveOptimal(Newsvendor(damage: 30).WithHoldings(government: 25));

        Assert.Equal(35, result.Stockpile(), Tol);
        Assert.Equal(25, result.Target().ExistingTonnes, Tol);
        Assert.Equal(60 * 3 / 100.0, result.Target().MonthsOfCover, Tol);
        Assert.Equal(470, result.Solver.Objective, Tol);
        Assert.Equal(350, result.Component("acquisition"), Tol);
        Assert.Equal(120, result.Component("holding"), Tol);
        AssertSeries([60], result.MaterialPath("halt").Releases);
        AssertSeries([0], result.Shortage("halt"));
        AssertSeries([60], result.MaterialPath("calm").Inventory);
    }

    [Fact]
    public void Storage_counts_the_holdings()
    {
        // Storage 40 t with 25 t held: x ≤ 15. Per scenario 10·15 + 2·40 = 230; the halt is 20 t
        // short: E = 230 + 0.5·20·30 = 530. One more tonne of storage: x + 1 saves 0.5·30 − 12 = 3.
        var result = SolveOptimal(Newsvendor(damage: 30, storage: 40).WithHoldings(government: 25));

        Assert.Equal(15, result.Stockpile(), Tol);
        Assert.Equal(530, result.Solver.Objective, Tol);
        AssertSeries([20], result.Shortage("halt"));
        Assert.Equal(3, result.ShadowPrices!.Storage.Single().UsdPerTonne, Tol);
    }

    [Fact]
    public void A_coverage_floor_counts_the_holdings()
    {
        // damage 20: 0.5·20 = 10 < 12, so nothing is added freely (E = 2·25 + 0.5·35·20 = 400).
        // A floor of 1.2 months of defence demand (100 t a quarter: 1.2·100/3 = 40 t) with 25 t
        // held needs x = 15: per scenario 10·15 + 2·40 = 230; the halt is 20 t short:
        // E = 230 + 0.5·20·20 = 430.
        var instance = Newsvendor(damage: 20).WithHoldings(government: 25) with
        {
            Policy = Plain() with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 1.2 }] },
        };

        var result = SolveOptimal(instance);

        Assert.Equal(15, result.Stockpile(), Tol);
        Assert.Equal(430, result.Solver.Objective, Tol);
        AssertSeries([40], result.MaterialPath("halt").Releases);
        AssertSeries([20], result.Shortage("halt"));
    }

    [Fact]
    public void Private_holdings_are_released_in_a_shortage_at_no_cost_to_the_government()
    {
        // damage 20: government stock is not worth it (10 < 12). Firms hold 30 t (P0): the halt
        // is a supply emergency, so the shortage rule lets them release all 30 → shortage 30:
        // E = 0.5·30·20 = 300. The calm is no shortage: nothing released.
        var result = SolveOptimal(Newsvendor(damage: 20).WithHoldings(government: 0, @private: 30));

        Assert.Equal(0, result.Stockpile(), Tol);
        Assert.Equal(300, result.Solver.Objective, Tol);
        AssertSeries([30], result.MaterialPath("halt").PrivateReleases);
        AssertSeries([0], result.MaterialPath("calm").PrivateReleases);
        AssertSeries([30], result.Shortage("halt"));
        Assert.Equal(0, result.Fiscal("halt"), Tol);
    }
}

using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Terminal value θ·P̄ and release revenue π_r·P move the newsvendor threshold.</summary>
public sealed class StockValueTests
{
    [Theory]
    // Newsvendor (H = 1, halt π = 0.5 leaves 40 of 100 t: shortfall 60 t; P = P̄ = 10). A tonne
    // of stock costs acquisition 10 + holding 2 = 12 in both scenarios. Kept to the end it is
    // worth θ·P̄; released in the halt it saves the damage and earns π_r·P but is no longer there
    // at the end. Its value (while the halt shortfall lasts, and when damage + π_r·P > θ·P̄):
    //   0.5·(damage + π_r·10) + 0.5·θ·10 − 12,
    // i.e. stock when π_halt·(damage + π_r·P − θ·P̄) > acquisition + holding − θ·P̄: the end value
    // lowers the threshold from acquisition + holding by θ·P̄ (less what a released tonne forgoes),
    // and revenue lowers it by a further π_halt·π_r·P. A tonne beyond 60 t cannot be released (the
    // shortage rule's limit is the gap 100 − 40 = 60 t) and is worth θ·10 − 12 < 0: never stocked.
    //
    // θ = 0, π_r = 0 (v1's threshold 0.5·damage > 12):
    //   damage 25: 12.5 > 12 → 60 t, 12·60 = 720.
    [InlineData(0, 0, 25, 60, 720)]
    //   damage 23: 11.5 < 12 → 0, 0.5·60·23 = 690.
    [InlineData(0, 0, 23, 0, 690)]
    // θ = 0.8 (8 a tonne at the end), π_r = 0: 0.5·damage + 4 > 12 ⇔ damage > 16.
    //   damage 17: 12.5 > 12 → 60 t; calm 720 − 8·60 = 240, halt 720 → E = 480 (none: 510).
    [InlineData(0.8, 0, 17, 60, 480)]
    //   damage 15: 11.5 < 12 → 0; 0.5·60·15 = 450 (stock: 480).
    [InlineData(0.8, 0, 15, 0, 450)]
    // θ = 0.8, π_r = 1 (10 a released tonne): 0.5·(damage + 10) + 4 > 12 ⇔ damage > 6.
    //   damage 7: 8.5 + 4 = 12.5 > 12 → 60 t; calm 240, halt 720 − 10·60 = 120 → E = 180 (none: 210).
    [InlineData(0.8, 1, 7, 60, 180)]
    //   damage 5: 7.5 + 4 = 11.5 < 12 → 0; 0.5·60·5 = 150 (stock: 180).
    [InlineData(0.8, 1, 5, 0, 150)]
    public void End_value_and_release_revenue_lower_the_threshold_from_acquisition_plus_holding(
        double terminal, double releaseFraction, double damage, double stock, double objective)
    {
        var instance = Newsvendor(damage).WithEconomics(Plain(releaseFraction: releaseFraction, terminalFraction: terminal));

        var result = SolveOptimal(instance);

        Assert.Equal(stock, result.Stockpile(), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        AssertSeries([stock], result.MaterialPath("halt").Releases);
        AssertSeries([60 - stock], result.Shortage("halt"));
        // The calm is no shortage: nothing may be released, the stock is there at the end.
        AssertSeries([0], result.MaterialPath("calm").Releases);
        AssertSeries([stock], result.MaterialPath("calm").Inventory);
        // Revenue is cash: the halt's outlay is 12·x − π_r·10·x; the end value is not cash.
        Assert.Equal(12 * stock - releaseFraction * 10 * stock, result.Fiscal("halt"), Tol);
        Assert.Equal(12 * stock, result.Fiscal("calm"), Tol);
    }
}

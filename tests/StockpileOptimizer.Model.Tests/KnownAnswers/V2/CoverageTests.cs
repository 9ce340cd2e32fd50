using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Coverage floors by basis (defence | all) and in days or months.</summary>
public sealed class CoverageTests
{
    private const double NoDays = -1;

    [Theory]
    // FamilyInstances.Coverage as formatVersion 2: H = 1 quarter (monthsPerPeriod 3), defence
    // "def" 60 t (damage 20) and civil "civ" 40 t (damage 10), imports 100 t; "halt" (π = 0.5)
    // leaves 40 % (shortfall 60 t). Free of floors the newsvendor stocks nothing (0.5·20 = 10
    // and 0.5·10 = 5 are below 10 + 2 = 12) and costs 0.5·(40·10 + 20·20) = 400, so every
    // floor below binds: x = months · monthly demand of the basis.
    //
    // basis all, 60 days = 2 months of 100/3 t = 2/3 of the quarter's 100 t → x = 200/3.
    // 12·200/3 = 800 in both scenarios; the halt's 60 t shortfall is covered → 800.
    [InlineData(CoverageBasis.All, 0, 60, 200.0 / 3, 800)]
    // 2 months, no days: the same 200/3 t.
    [InlineData(CoverageBasis.All, 2, NoDays, 200.0 / 3, 800)]
    // basis defence, 60 days = 2 months of 60/3 = 20 t → x = 40; 12·40 = 480 in both
    // scenarios, 20 t of civil shortage in the halt: 480 + 0.5·20·10 = 580.
    [InlineData(CoverageBasis.Defence, 0, 60, 40, 580)]
    public void A_floor_of_days_of_all_sector_demand_counts_every_sector(
        CoverageBasis basis, double months, double days, double stock, double objective)
    {
        var floor = new CoverageFloor { Country = "A", Material = "m", Basis = basis, Months = months, Days = days == NoDays ? null : days };
        var instance = FamilyInstances.Coverage(0) with { FormatVersion = 2, Policy = Plain() with { CoverageFloors = [floor] } };

        var result = SolveOptimal(instance);

        Assert.Equal(stock, result.Stockpile(), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        // Months of cover: stock over all-sector demand of 100/3 t a month.
        Assert.Equal(stock * 3 / 100, result.Target().MonthsOfCover, Tol);
        Assert.Equal(0, result.Shortage("halt", "def")[0], Tol);
        Assert.Equal(Math.Max(0, 60 - stock), result.Shortage("halt", "civ")[0], Tol);
    }
}

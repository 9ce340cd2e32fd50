using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using MB = Google.OrTools.ModelBuilder;

namespace StockpileOptimizer.Model.Tests.Solving;

public sealed class SolverFacadeTests
{
    [Theory]
    [InlineData(MipSolver.Cbc)]
    [InlineData(MipSolver.Highs)]
    public void Cbc_and_highs_reach_the_optimum_scip_finds(MipSolver kind)
    {
        // The reference is the default solver, SCIP; comparing SCIP with itself proves nothing.
        var instance = Generated.Small(31, riskWeight: 0.3);
        var reference = StockpileSolver.Solve(instance, new SolveOptions { Solver = MipSolver.Scip, RelativeGap = 1e-9, ShadowPrices = false });
        Assert.Equal("SCIP", reference.Solver.Solver);
        var result = StockpileSolver.Solve(instance, new SolveOptions { Solver = kind, RelativeGap = 1e-9, ShadowPrices = false });

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(kind.ToString().ToUpperInvariant(), result.Solver.Solver);
        Assert.Equal(reference.Solver.Objective, result.Solver.Objective, 1e-6 * Math.Abs(reference.Solver.Objective));
    }

    [Theory]
    [InlineData(MipSolver.Scip)]
    [InlineData(MipSolver.Cbc)]
    [InlineData(MipSolver.Highs)]
    public void An_instance_without_binaries_is_an_lp_solved_by_glop_in_one_go(MipSolver kind)
    {
        // The newsvendor has no tiers and no investments. Budget 480 binds: x = 40, objective
        // 12·40 + 0.5·30·20 = 780, the budget worth 0.25 USD per USD (ShadowPriceTests) — here
        // from the duals of the one LP solved.
        var result = StockpileSolver.Solve(HandInstances.Newsvendor(damage: 30, budget: 480), new SolveOptions { Solver = kind });

        Assert.Equal("GLOP", result.Solver.Solver);
        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(780, result.Solver.Objective, 6);
        Assert.Equal(result.Solver.Objective, result.Solver.BestBound, 9);
        Assert.Equal(0.25, result.ShadowPrices!.Budgets.Sum(b => b.UsdPerUsd), 6);
        Assert.Equal("GLOP", result.ShadowPrices.Solver);
    }

    [Fact]
    public void An_instance_with_binaries_goes_to_the_selected_mip_solver()
    {
        var instance = Generated.Small(31);
        Assert.True(instance.Investments.Count > 0 || instance.PrivateStock.Count > 0);

        Assert.Equal("SCIP", StockpileSolver.Solve(instance, new SolveOptions { ShadowPrices = false }).Solver.Solver);
    }

    [Fact]
    public void The_same_input_gives_byte_identical_results()
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec { Seed = 5 });
        var options = new SolveOptions { Seed = 7 };
        var first = InstanceJson.WriteResult(StockpileSolver.Solve(instance, options) with { Solver = new SolverFacts() });
        var second = InstanceJson.WriteResult(StockpileSolver.Solve(instance, options) with { Solver = new SolverFacts() });

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_mps_export_names_rows_from_their_indices_and_solves_to_the_same_optimum_alone()
    {
        // Newsvendor (damage 30): the optimum is 720 USD (see NewsvendorTests); the MPS objective
        // is in solver units, USD × the instance's money scale.
        var instance = HandInstances.Newsvendor(damage: 30);
        var mps = StockpileSolver.ExportMps(instance);

        Assert.Contains("balance[A,m,t1,halt]", mps, StringComparison.Ordinal);
        Assert.Contains("stockpile[A,m]", mps, StringComparison.Ordinal);
        var model = new MB.Model();
        Assert.True(model.Helper.ImportFromMpsString(mps));
        var solver = new MB.Solver("scip");
        Assert.Equal(MB.SolveStatus.OPTIMAL, solver.Solve(model));
        var scale = new Builder.ModelData(instance, instance.Policy.Mode).MoneyScale;
        Assert.Equal(720 * scale, solver.ObjectiveValue, 9);
    }
}

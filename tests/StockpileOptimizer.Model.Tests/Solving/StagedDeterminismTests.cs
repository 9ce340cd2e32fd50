using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

/// <summary>
/// The MIP runs in stages bounded by branch-and-bound nodes, watched or not, so the same input
/// and seed give the same result whether anyone watches, however fast the machine.
/// </summary>
public sealed class StagedDeterminismTests
{
    private static readonly StockpileInstance Medium = InstanceGenerator.Generate(new GeneratorSpec());

    [Fact]
    public void A_watched_solve_writes_the_same_result_as_an_unwatched_one()
    {
        // A 1 ms progress interval: stages by the clock would restart the search dozens of times.
        var options = new SolveOptions { Seed = 7, ProgressInterval = TimeSpan.FromMilliseconds(1) };
        var watched = StockpileSolver.Solve(Medium, options, progress: new Progress<SolveProgress>(_ => { }));
        var plain = StockpileSolver.Solve(Medium, options);

        Assert.Equal(Termination.Optimal, plain.Solver.Termination);
        Assert.Equal(Write(plain), Write(watched));
    }

    private static string Write(SolveResult result) => InstanceJson.WriteResult(result with
    {
        Solver = result.Solver with { WallSeconds = 0, BuildSeconds = 0, SolveSeconds = 0, ExtractSeconds = 0 },
    });
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests;

public sealed class GeneratedSmokeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Generated_instances_are_valid_and_solve(int seed)
    {
        var instance = Generated.Small(seed);
        Assert.Empty(InstanceValidator.Validate(instance));
        var result = StockpileSolver.Solve(instance);
        Assert.Equal(Termination.Optimal, result.Solver.Termination);
    }
}

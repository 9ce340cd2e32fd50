using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>The known-good request: the hand-solved newsvendor, whose optimum is x = 60 t, objective 720 USD.</summary>
internal static class GoodRequest
{
    public static V1.SolveRequest Newsvendor() => new() { Instance = DomainMapping.ToProto(Instances.Newsvendor()) };

    /// <summary>Solves the newsvendor and checks the hand-known optimum.</summary>
    public static async Task AssertServedAsync(V1.StockpileService.StockpileServiceClient client)
    {
        var result = await client.SolveAsync(Newsvendor(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)));
        AssertNewsvendorOptimum(result);
    }

    public static void AssertNewsvendorOptimum(V1.SolveResult result)
    {
        Assert.Equal(V1.Termination.Optimal, result.Solver.Termination);
        Assert.Equal(HandInstances.NewsvendorObjective, result.Solver.ObjectiveUsd!.Value, 1e-6);
        var stock = Assert.Single(result.Policy.Stockpiles);
        Assert.Equal(("A", "m"), (stock.Country, stock.Material));
        Assert.Equal(HandInstances.NewsvendorStock, stock.Tonnes, 1e-6);
    }
}

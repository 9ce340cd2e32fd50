using StockpileOptimizer.Cluster.Tests.Hosting;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>An analysis whose cluster cannot take its work ends with an error naming the batch, not an exception.</summary>
public sealed class AnalysisFarmFailureTests
{
    /// <summary>
    /// A cluster where no silo hosts batches: the first round of subproblems (the wait-and-see
    /// bounds) is lost twice and the farm gives up with a <see cref="SubproblemFarmException"/>;
    /// the SAA solve ends as an error with the farm's message and no plan. Four samples: no start
    /// plan is solved first (it needs more samples than <see cref="SaaAnalysis.StartSamples"/>).
    /// </summary>
    [Fact]
    public async Task AnSaaSolveOnAFarmThatGivesUpEndsInAnError()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterMembership.Localhost, o =>
        {
            o.HostsBatches = false;
            o.SolveAttempts = 2;
        });
        var instance = InstanceJson.Default();
        var spec = new SaaAnalysisSpec
        {
            Scenarios = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, 4, 1),
            Method = SaaMethod.Benders,
        };

        var result = await Task.Run(() => SaaAnalysis.Run(ValidatedInstance.Require(instance), spec, SaaCase.Each, 1, silo.Farm, null, CancellationToken.None));

        Assert.Equal(Termination.Error, result.Termination);
        Assert.StartsWith("the solve farm failed: batch ", result.Message);
        Assert.Contains("no answer from the cluster after 2 calls", result.Message);
        Assert.Null(result.Policy);
        Assert.False(result.Cancelled);
    }
}

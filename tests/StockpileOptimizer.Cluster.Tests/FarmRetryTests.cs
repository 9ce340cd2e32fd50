using Orleans.Runtime;

namespace StockpileOptimizer.Cluster.Tests;

public sealed class FarmRetryTests
{
    /// <summary>0.2 s doubling, capped at 5 s: ten calls wait 0.2+0.4+0.8+1.6+3.2+5·4 = 26.2 s in all.</summary>
    [Fact]
    public void BackOffDoublesUpToFiveSeconds()
    {
        var waits = Enumerable.Range(1, 9).Select(a => OrleansSolveFarm.Backoff(a).TotalSeconds).ToArray();

        Assert.Equal([0.2, 0.4, 0.8, 1.6, 3.2, 5, 5, 5, 5], waits.Select(w => Math.Round(w, 9)));
        Assert.Equal(26.2, Math.Round(waits.Sum(), 9));
    }

    /// <summary>A lost silo, a rejected message or no answer in time is the cluster's failure (retried); the solve's own errors are not.</summary>
    [Fact]
    public void OnlyTheClustersFailuresAreRetried()
    {
        Assert.True(OrleansSolveFarm.IsLost(new SiloUnavailableException()));
        Assert.True(OrleansSolveFarm.IsLost(new OrleansException("the message was rejected")));
        Assert.True(OrleansSolveFarm.IsLost(new TimeoutException()));
        Assert.False(OrleansSolveFarm.IsLost(new ArgumentException("a point has 3 columns here, not 2")));
        Assert.False(OrleansSolveFarm.IsLost(new OperationCanceledException()));
    }
}

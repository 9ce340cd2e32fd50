using Orleans;
using Orleans.Runtime;
using StockpileOptimizer.Cluster.Grains;
using StockpileOptimizer.Cluster.Tests.Hosting;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>One silo in this process (localhost clustering, as the server's default), shared by the farm tests.</summary>
public sealed class LocalSiloFixture : IAsyncLifetime
{
    public InProcessSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Silo = await InProcessSilo.StartAsync(ClusterMembership.Localhost, o => o.Parallelism = 3);

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>
/// The Orleans farm against the in-process farm on the same batches: the grain protocol
/// (prepare, solve, re-prepare) and the wire carry every answer unchanged.
/// </summary>
public sealed class FarmTests(LocalSiloFixture fixture) : IClassFixture<LocalSiloFixture>
{
    /// <summary>
    /// Six sampled futures of the default instance in three batches, at no point (wait-and-see),
    /// the zero first stage, all columns at 1 (no recourse: the Failed or Infeasible path) and at
    /// 0.5: the same status, message, value and subgradient (1e-9 relative) as the local farm.
    /// Each batch is sent once, then only points.
    /// </summary>
    [Fact]
    public async Task TheOrleansFarmGivesTheLocalFarmsAnswers()
    {
        var workload = FarmWorkload.DefaultInstance("same-" + Guid.NewGuid().ToString("N"), samples: 6, batches: 3);
        using var local = new LocalSolveFarm(3);
        var expected = await workload.RunAsync(local);
        var farm = fixture.Silo.Farm;
        var prepared = farm.Preparations;

        var actual = await workload.RunAsync(farm);

        Answers.Same(expected, actual);
        Assert.Equal(3, farm.Preparations - prepared);
        Assert.Contains(expected.SelectMany(i => i).SelectMany(b => b.Scenarios), a => a.Status == SubproblemStatus.Optimal);
        Assert.Contains(expected.SelectMany(i => i).SelectMany(b => b.Scenarios), a => a.Status != SubproblemStatus.Optimal);
    }

    /// <summary>
    /// A batch whose activation lost its worker (as after its silo died and it was placed again)
    /// answers "not prepared"; the farm sends the batch again and the answer is the same.
    /// </summary>
    [Fact]
    public async Task ABatchThatLostItsWorkerIsSentAgain()
    {
        var workload = FarmWorkload.DefaultInstance("lost-" + Guid.NewGuid().ToString("N"), samples: 2, batches: 1);
        var work = workload.Batches[0];
        var farm = fixture.Silo.Farm;
        using var local = new LocalSolveFarm(1);
        var expected = await local.SolveAsync(work, workload.Points[1], CancellationToken.None);
        var prepared = farm.Preparations;

        await farm.SolveAsync(work, workload.Points[1], CancellationToken.None);
        var grain = GrainFactory.GetGrain<IScenarioBatchGrain>(BatchKey.Of(work.ProblemId, 0));
        await grain.Release();
        Assert.False((await grain.Solve(workload.Points[1])).Prepared);
        var again = await farm.SolveAsync(work, workload.Points[1], CancellationToken.None);

        Answers.Same(expected, again, "after the worker was lost");
        Assert.Equal(2, farm.Preparations - prepared);
        await farm.ReleaseAsync(work.ProblemId, 1);
    }

    /// <summary>An error of the solve itself (a point of the wrong length) comes back as it is, and is not retried.</summary>
    [Fact]
    public async Task AWrongPointFailsAtOnce()
    {
        var workload = FarmWorkload.DefaultInstance("wrong-" + Guid.NewGuid().ToString("N"), samples: 1, batches: 1);
        var farm = fixture.Silo.Farm;
        var retries = farm.Retries;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => farm.SolveAsync(workload.Batches[0], [1.0, 2.0], CancellationToken.None));

        Assert.Contains("not 2", error.Message);
        Assert.Equal(retries, farm.Retries);
        await farm.ReleaseAsync(workload.ProblemId, 1);
    }

    /// <summary>A cancelled solve ends with OperationCanceledException, as the caller asked.</summary>
    [Fact]
    public async Task ACancelledSolveEndsCancelled()
    {
        var workload = FarmWorkload.DefaultInstance("cancel-" + Guid.NewGuid().ToString("N"), samples: 1, batches: 1);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Silo.Farm.SolveAsync(workload.Batches[0], null, cancel.Token));
    }

    /// <summary>
    /// A cluster where no silo hosts batches: every call is lost (no silo to place the grain on);
    /// after the allowed calls the farm fails naming the batch and the cause.
    /// </summary>
    [Fact]
    public async Task ABatchNoSiloCanTakeFailsAfterItsAttempts()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterMembership.Localhost, o =>
        {
            o.HostsBatches = false;
            o.SolveAttempts = 2;
        });
        var workload = FarmWorkload.DefaultInstance("nowhere", samples: 1, batches: 1);

        var error = await Assert.ThrowsAsync<SubproblemFarmException>(() => silo.Farm.SolveAsync(workload.Batches[0], null, CancellationToken.None));

        Assert.StartsWith("batch nowhere/0: no answer from the cluster after 2 calls", error.Message);
        Assert.IsType<SiloUnavailableException>(error.InnerException);
        Assert.Contains("no silo of the cluster hosts scenario batches", error.Message);
        Assert.Equal(1, silo.Farm.Retries);
    }

    private IGrainFactory GrainFactory => fixture.Silo.GrainFactory;
}

using StockpileOptimizer.TestData;
using StockpileOptimizer.Cluster.Tests.Hosting;
using StockpileOptimizer.Model.Sampling;
using Xunit.Abstractions;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>
/// A real cluster on loopback: this process coordinates (its silo hosts no batch) and two server
/// processes host the batches, joined through ADO.NET clustering on PostgreSQL. The answers must
/// be those of the in-process farm (itself checked against one silo in <see cref="FarmTests"/>),
/// also when a worker silo is killed (kill -9) in the middle of the run.
/// </summary>
[Collection(nameof(MultiSiloTests))]
public sealed class MultiSiloTests(ITestOutputHelper output)
{
    private const int Samples = 12;
    private const int Batches = 6;

    /// <summary>Six batches spread three and three over two worker silos: the in-process farm's answers, each batch sent once.</summary>
    [PostgresFact]
    public async Task TwoWorkerSilosGiveTheInProcessAnswers()
    {
        await using var schema = await TestSchema.CreateAsync();
        var workload = FarmWorkload.DefaultInstance("spread-" + Guid.NewGuid().ToString("N"), Samples, Batches);
        var expected = await RunLocallyAsync(workload);
        await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers: 2, parallelism: Batches);

        var actual = await workload.RunAsync(cluster.Farm);

        Answers.Same(expected, actual);
        Assert.Equal(Batches, cluster.Farm.Preparations);
        Assert.Equal(0, cluster.Farm.Retries);
        // Both workers and the coordinator are in the membership table, active (status 3).
        Assert.Equal(3L, await schema.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));
    }

    /// <summary>
    /// The first worker is killed (SIGKILL) as soon as the first batch of the second iteration
    /// answers, while the others are in flight. Its batches are lost with their warm LPs; the
    /// calls that were on it fail once the silo is declared dead and are retried, the batches
    /// are placed on the surviving worker, which answers "not prepared" and is sent them again.
    /// Every answer of every iteration is still the in-process farm's, and the killed worker's
    /// three batches were prepared a second time.
    /// </summary>
    [PostgresFact]
    public async Task KillingAWorkerSiloMidRunGivesTheSameAnswers()
    {
        await using var schema = await TestSchema.CreateAsync();
        var workload = FarmWorkload.DefaultInstance("kill-" + Guid.NewGuid().ToString("N"), Samples, Batches);
        var expected = await RunLocallyAsync(workload);
        await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers: 2, parallelism: Batches);
        var kill = new Lazy<Task>(() => cluster.KillAsync(0), LazyThreadSafetyMode.ExecutionAndPublication);

        var actual = await workload.RunAsync(cluster.Farm, answered: (iteration, batch) =>
        {
            if (iteration == 1)
            {
                _ = kill.Value;
            }
        });
        await kill.Value;
        output.WriteLine($"killed silo process {cluster.Workers[0].Id}; {cluster.Farm.Preparations} batches sent, {cluster.Farm.Retries} calls retried");

        Answers.Same(expected, actual);
        Assert.True(cluster.Farm.Preparations >= Batches + Batches / 2,
            $"{cluster.Farm.Preparations} batches sent; the killed silo's {Batches / 2} should have been sent again");
        Assert.True(cluster.Workers[0].HasExited);
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
    }

    private static async Task<BatchAnswer[][]> RunLocallyAsync(FarmWorkload workload)
    {
        using var local = new LocalSolveFarm(Batches);
        return await workload.RunAsync(local);
    }
}

using System.Globalization;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// A real Orleans cluster on loopback: a coordinating silo in this process (it hosts no batch,
/// its farm sends the work, as a server running a job does) and <c>workers</c> server processes
/// that host the batches, joined through ADO.NET clustering on PostgreSQL. Failure detection is
/// quicker than Orleans' default (probes time out after 2 s, three missed probes suspect a silo),
/// so that a killed silo is declared dead within about ten seconds, yet a silo slowed by a busy
/// machine is not. Started when every silo is active in the coordinator's
/// view and the coordinator holds their grain manifests (so it can address the batch grains).
/// Reusable for timing: the same <see cref="FarmWorkload"/> on 1 vs 2 or 3 workers.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private SiloCluster(InProcessSilo coordinator, IReadOnlyList<SiloProcess> workers)
    {
        Coordinator = coordinator;
        Workers = workers;
    }

    public InProcessSilo Coordinator { get; }

    public IReadOnlyList<SiloProcess> Workers { get; }

    /// <summary>The coordinator's farm (it places batches on the workers only).</summary>
    public OrleansSolveFarm Farm => Coordinator.Farm;

    /// <param name="connectionString">PostgreSQL for the membership table (its search path: the schema to use).</param>
    /// <param name="workers">Worker silo processes (1–3 on this machine).</param>
    /// <param name="parallelism">Batches the coordinator's farm sends at once.</param>
    public static async Task<SiloCluster> StartAsync(string connectionString, int workers, int parallelism)
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Cluster:ProbeTimeout"] = "00:00:02",
            ["Cluster:MissedProbesLimit"] = "3",
        };
        var coordinator = await InProcessSilo.StartAsync(ClusterMembership.AdoNet, o =>
        {
            o.ConnectionString = connectionString;
            o.ClusterId = clusterId;
            o.AdvertisedAddress = "127.0.0.1";
            o.HostsBatches = false;
            o.Parallelism = parallelism;
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.MissedProbesLimit = 3;
        });
        var processes = Enumerable.Range(0, workers).Select(_ => SiloProcess.Start(connectionString, clusterId, settings)).ToArray();
        var cluster = new SiloCluster(coordinator, processes);
        try
        {
            await cluster.WaitForActiveSilosAsync(workers + 1, StartTimeout);
            await coordinator.WaitForManifestsAsync(workers + 1, StartTimeout);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the coordinator sees <paramref name="count"/> active silos (itself included); a worker that exits first fails the wait with its output.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var waiting = Coordinator.WaitForActiveSilosAsync(count, timeout);
        var alive = Workers.Where(w => !killed.Contains(w)).ToArray();
        var exit = alive.Length == 0 ? Task.Delay(Timeout.Infinite) : Task.WhenAny(alive.Select(w => w.Exited));
        if (await Task.WhenAny(waiting, exit) != waiting && alive.FirstOrDefault(w => w.HasExited) is { } dead)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"silo process {dead.Id} exited while waiting for {count} active silos:\n{dead.Output}"));
        }
        try
        {
            await waiting;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the worker silos said:\n{string.Join("\n---\n", Workers.Select(w => w.Output))}", e);
        }
    }

    private readonly HashSet<SiloProcess> killed = [];

    /// <summary>kill -9 of worker <paramref name="index"/>.</summary>
    public Task KillAsync(int index)
    {
        killed.Add(Workers[index]);
        return Workers[index].KillHardAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Workers.Select(w => w.DisposeAsync().AsTask()));
        await Coordinator.DisposeAsync();
    }
}

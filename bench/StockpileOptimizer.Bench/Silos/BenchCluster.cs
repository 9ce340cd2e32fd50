using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using StockpileOptimizer.Cluster;
using StockpileOptimizer.Cluster.Tests.Hosting;

namespace StockpileOptimizer.Bench.Silos;

/// <summary>
/// An Orleans cluster on loopback for timing: a coordinating silo in this process that hosts
/// no grain at all (neither scenario batches nor evaluation work: every solve runs on the
/// workers), and <c>workers</c> server processes (<see cref="SiloProcess"/>), each pinned to
/// one core (worker i to core i mod cores, through <c>taskset</c>), as one single-core machine
/// per silo would be. Joined by ADO.NET clustering on PostgreSQL; started once every silo is
/// active in the coordinator's view and it holds their grain manifests.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly IHost coordinator;

    private BenchCluster(IHost coordinator, SiloProcess[] workers, int parallelism)
    {
        this.coordinator = coordinator;
        Workers = workers;
        Farm = new OrleansSolveFarm(coordinator.Services.GetRequiredService<IGrainFactory>(), parallelism);
    }

    public IReadOnlyList<SiloProcess> Workers { get; }

    /// <summary>The coordinator's farm (all its work lands on the workers).</summary>
    public OrleansSolveFarm Farm { get; }

    public IClusterMembershipService Membership => coordinator.Services.GetRequiredService<IClusterMembershipService>();

    /// <param name="probeTimeout">Orleans' probe timeout on every silo (the product's default is 5 s).</param>
    /// <param name="missedProbes">Missed probes before a silo is suspected (the product's default is 3).</param>
    public static async Task<BenchCluster> StartAsync(
        string connectionString, int workers, int parallelism, string scratch, TimeSpan probeTimeout, int missedProbes)
    {
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<ClusterHostOptions>(o =>
        {
            o.ConnectionString = connectionString;
            o.ClusterId = clusterId;
            o.AdvertisedAddress = "127.0.0.1";
            o.HostsBatches = false;
            o.ProbeTimeout = probeTimeout;
            o.MissedProbesLimit = missedProbes;
        });
        builder.UseOrleans(silo => silo.UseStockpileCluster(ClusterMembership.AdoNet));
        // No grain class of the project here: evaluation and whole-solve work grains too go to the workers.
        builder.Services.PostConfigure<GrainTypeOptions>(types =>
            types.Classes.RemoveWhere(t => t.Assembly == typeof(OrleansSolveFarm).Assembly));
        var host = builder.Build();
        await host.StartAsync();

        var settings = new Dictionary<string, string>
        {
            ["Cluster:ProbeTimeout"] = probeTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster:MissedProbesLimit"] = missedProbes.ToString(CultureInfo.InvariantCulture),
        };
        var processes = new List<SiloProcess>();
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        try
        {
            for (var i = 0; i < workers; i++)
            {
                // SiloProcess starts DOTNET_HOST_PATH: a script that pins the real host to one core.
                Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", PinningHost(scratch, i % Environment.ProcessorCount, hostPath));
                processes.Add(SiloProcess.Start(connectionString, clusterId, settings));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", hostPath);
        }
        var cluster = new BenchCluster(host, [.. processes], parallelism);
        try
        {
            await cluster.WaitForActiveSilosAsync(workers + 1, StartTimeout);
            await cluster.WaitForManifestsAsync(workers + 1, StartTimeout);
            return cluster;
        }
        catch (Exception e)
        {
            var output = string.Join("\n---\n", cluster.Workers.Select(w => w.Output));
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"the cluster of {workers} worker(s) did not start: {e.Message}\n{output}", e);
        }
    }

    /// <summary>Waits until the coordinator sees exactly <paramref name="count"/> active silos (itself included).</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = Active(Membership.CurrentSnapshot);
        if (seen == count)
        {
            return;
        }
        try
        {
            await foreach (var snapshot in Membership.MembershipUpdates.WithCancellation(cancel.Token))
            {
                if ((seen = Active(snapshot)) == count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"{seen} active silos after {timeout}, waiting for {count}");
    }

    private async Task WaitForManifestsAsync(int count, TimeSpan timeout)
    {
        var manifests = coordinator.Services.GetRequiredService<IClusterManifestProvider>();
        using var cancel = new CancellationTokenSource(timeout);
        if (manifests.Current.Silos.Count >= count)
        {
            return;
        }
        try
        {
            await foreach (var manifest in manifests.Updates.WithCancellation(cancel.Token))
            {
                if (manifest.Silos.Count >= count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"fewer than {count} grain manifests after {timeout}");
    }

    private static int Active(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    /// <summary>Whether workers are pinned to a core: Linux with <c>taskset</c> (util-linux).</summary>
    public static bool Pinned => OperatingSystem.IsLinux() && Taskset is not null;

    private static string? Taskset => new[] { "/usr/bin/taskset", "/bin/taskset" }.FirstOrDefault(File.Exists);

    /// <summary>A script that runs the .NET host on core <paramref name="core"/> only (where it cannot, the host as it is).</summary>
    private static string? PinningHost(string scratch, int core, string? hostPath)
    {
        if (!OperatingSystem.IsLinux() || Taskset is not { } taskset)
        {
            return hostPath;
        }
        var dotnet = hostPath is { Length: > 0 } && File.Exists(hostPath) ? hostPath : "dotnet";
        var path = Path.Combine(scratch, $"dotnet-core{core}.sh");
        File.WriteAllText(path, $"#!/bin/sh\nexec {taskset} -c {core} '{dotnet}' \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Farm.Dispose();
        await Task.WhenAll(Workers.Select(w => w.DisposeAsync().AsTask()));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await coordinator.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping alone after its workers left can wait on membership; the process goes on.
        }
        coordinator.Dispose();
    }
}

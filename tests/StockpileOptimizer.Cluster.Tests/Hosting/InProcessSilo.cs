using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// A silo in the test process, set up as the server sets up its own
/// (<see cref="StockpileSiloExtensions.UseStockpileCluster"/>), with the Orleans farm on it.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost host;

    private InProcessSilo(IHost host) => this.host = host;

    public OrleansSolveFarm Farm => host.Services.GetRequiredService<OrleansSolveFarm>();

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    public IClusterMembershipService Membership => host.Services.GetRequiredService<IClusterMembershipService>();

    public static async Task<InProcessSilo> StartAsync(ClusterMembership clustering, Action<ClusterHostOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure(configure);
        builder.UseOrleans(silo => silo.UseStockpileCluster(clustering));
        builder.Services.AddOrleansSolveFarm();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    /// <summary>Waits until this silo sees exactly <paramref name="count"/> active silos (itself included), as membership changes arrive.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = Active(Membership.CurrentSnapshot);
        try
        {
            if (seen == count)
            {
                return;
            }
            await foreach (var snapshot in Membership.MembershipUpdates.WithCancellation(cancel.Token))
            {
                seen = Active(snapshot);
                if (seen == count)
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

    /// <summary>
    /// Waits until this silo holds the grain manifests of <paramref name="count"/> silos (itself
    /// included), as they arrive: only then can it address the grain classes the others host.
    /// </summary>
    public async Task WaitForManifestsAsync(int count, TimeSpan timeout)
    {
        var manifests = host.Services.GetRequiredService<IClusterManifestProvider>();
        using var cancel = new CancellationTokenSource(timeout);
        var seen = manifests.Current.Silos.Count;
        try
        {
            if (seen >= count)
            {
                return;
            }
            await foreach (var manifest in manifests.Updates.WithCancellation(cancel.Token))
            {
                seen = manifest.Silos.Count;
                if (seen >= count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"the manifests of {seen} silos after {timeout}, waiting for {count}");
    }

    private static int Active(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stop.Token);
        host.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StockpileOptimizer.Cluster.Grains;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster;

/// <summary>The silo of a StockpileOptimizer host, and its subproblem farm.</summary>
public static partial class StockpileSiloExtensions
{
    /// <summary>
    /// Membership (<paramref name="clustering"/>), endpoints, ids and failure detection from
    /// <see cref="ClusterHostOptions"/> (bind them in the host's services; read when the silo
    /// starts), batch placement, and with AdoNet Orleans' PostgreSQL tables created at start-up
    /// (<see cref="ClusterSchema"/>) before the silo joins.
    /// </summary>
    public static ISiloBuilder UseStockpileCluster(this ISiloBuilder silo, ClusterMembership clustering)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.AddOptions<ClusterHostOptions>();
        if (clustering == ClusterMembership.AdoNet)
        {
            silo.UseAdoNetClustering(adoNet => adoNet.Configure<IOptions<ClusterHostOptions>>((o, host) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = host.Value.ConnectionString ?? "";
            }));
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSchemaStartup>();
        }
        else
        {
            silo.UseLocalhostClustering();
        }
        services.TryAddSingleton<SiloPortChoice>();
        // Registered after the clustering's own endpoint settings, so these win.
        services.AddOptions<EndpointOptions>().Configure<IOptions<ClusterHostOptions>, SiloPortChoice>((endpoint, host, port) =>
        {
            var options = host.Value;
            if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress))
            {
                endpoint.AdvertisedIPAddress = IPAddress.Parse(options.AdvertisedAddress.Trim());
            }
            else if (clustering == ClusterMembership.Localhost)
            {
                endpoint.AdvertisedIPAddress = IPAddress.Loopback;
            }
            endpoint.SiloPort = port.Port(options.SiloPort);
            endpoint.GatewayPort = options.GatewayPort;
        });
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterHostOptions>>((cluster, host) =>
        {
            cluster.ClusterId = host.Value.ClusterId;
            cluster.ServiceId = host.Value.ServiceId;
        });
        services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<ClusterHostOptions>>((membership, host) =>
        {
            membership.ProbeTimeout = host.Value.ProbeTimeout;
            membership.NumMissedProbesLimit = host.Value.MissedProbesLimit;
        });
        services.AddOptions<GrainTypeOptions>().PostConfigure<IOptions<ClusterHostOptions>>((types, host) =>
        {
            if (!host.Value.HostsBatches)
            {
                types.Classes.Remove(typeof(ScenarioBatchGrain));
                types.Classes.Remove(typeof(SolveWorkGrain));
            }
        });
        silo.AddPlacementDirector<BatchSpreadPlacement, BatchSpreadPlacementDirector>();
        return silo;
    }

    /// <summary>
    /// <see cref="ISolveFarm"/> as an <see cref="OrleansSolveFarm"/> on the host's silo
    /// (or client), its parallelism and attempts from <see cref="ClusterHostOptions"/>.
    /// </summary>
    public static IServiceCollection AddOrleansSolveFarm(this IServiceCollection services)
    {
        services.AddOptions<ClusterHostOptions>();
        services.TryAddSingleton<OrleansSolveFarm>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ClusterHostOptions>>().Value;
            return new OrleansSolveFarm(
                provider.GetRequiredService<IGrainFactory>(),
                options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount,
                options.SolveAttempts,
                provider.GetService<ILogger<OrleansSolveFarm>>());
        });
        services.TryAddSingleton<ISolveFarm>(provider => provider.GetRequiredService<OrleansSolveFarm>());
        return services;
    }

    /// <summary>Applies <see cref="ClusterSchema"/> as the silo starts, before it reads the membership table.</summary>
    private sealed partial class ClusterSchemaStartup(IOptions<ClusterHostOptions> options, ILogger<ClusterSchemaStartup> log)
        : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(ClusterSchemaStartup), ServiceLifecycleStage.RuntimeInitialize - 100, async cancel =>
            {
                var ran = await ClusterSchema.ApplyAsync(options.Value.ConnectionString ?? "", cancel).ConfigureAwait(false);
                if (ran.Count > 0)
                {
                    log.MembershipTablesCreated(string.Join(", ", ran));
                }
            });    }

    /// <summary>The silo port: the configured one, or for 0 one the system reports free, chosen once.</summary>
    private sealed class SiloPortChoice
    {
        private int chosen;

        public int Port(int configured)
        {
            if (configured != 0)
            {
                return configured;
            }
            if (chosen == 0)
            {
                // The system's pick of a free port, released for the silo to bind a moment later.
                using var probe = new TcpListener(IPAddress.Any, 0);
                probe.Start();
                chosen = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }
            return chosen;
        }
    }
}

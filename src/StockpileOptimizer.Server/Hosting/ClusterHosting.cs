using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Cluster;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// The host's Orleans silo (docs/api.md, "Cluster"): by default a one-silo cluster on loopback
/// (a free port, no gateway), so one machine needs nothing else; with
/// <c>Cluster:Clustering=AdoNet</c> it joins the hosts that share the PostgreSQL membership
/// table. Registers the subproblem farm on it as <see cref="Model.Sampling.ISolveFarm"/>.
/// </summary>
internal static class ClusterHosting
{
    public static WebApplicationBuilder AddStockpileCluster(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ClusterHostOptions.Section);
        builder.Services.AddOptions<ClusterHostOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterHostOptions>, ClusterHostOptionsValidator>());
        // The membership provider is chosen now; an unknown name is reported by the validator.
        var clustering = Enum.TryParse<ClusterMembership>(section[nameof(ClusterHostOptions.Clustering)], ignoreCase: true, out var kind)
            ? kind
            : ClusterMembership.Localhost;
        builder.UseOrleans(silo => silo.UseStockpileCluster(clustering));
        builder.Services.AddOrleansSolveFarm();
        return builder;
    }
}

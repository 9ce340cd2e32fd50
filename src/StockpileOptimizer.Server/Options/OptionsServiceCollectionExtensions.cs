using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

/// <summary>Binds every option class from configuration, each with its validator (checked at start-up).</summary>
internal static class OptionsServiceCollectionExtensions
{
    /// <summary>The "Server" section: <see cref="ServerOptions"/> and <see cref="ModelLimitOptions"/>.</summary>
    public static IServiceCollection AddStockpileServerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ServerOptions.Section);
        services.AddOptions<ServerOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>());
        services.AddOptions<ModelLimitOptions>().Bind(configuration.GetSection(ModelLimitOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelLimitOptions>, ModelLimitOptionsValidator>());
        return services;
    }

    /// <summary>The "Jobs" section: <see cref="JobOptions"/> and <see cref="JobReplicaOptions"/>, with the older keys in seconds.</summary>
    public static IServiceCollection AddStockpileJobOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobOptions.Section);
        services.AddOptions<JobOptions>().Bind(section).Configure(o =>
        {
            SecondsKeys.Apply(section, nameof(JobOptions.DefaultTimeLimit), v => o.DefaultTimeLimit = v);
            SecondsKeys.Apply(section, nameof(JobOptions.MaxTimeLimit), v => o.MaxTimeLimit = v);
            SecondsKeys.Apply(section, nameof(JobOptions.ShutdownGrace), v => o.ShutdownGrace = v);
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());
        // Replica settings share the "Jobs" section (Jobs:Lease, …); used with the PostgreSQL store.
        services.AddOptions<JobReplicaOptions>().Bind(section).Configure(o =>
        {
            SecondsKeys.Apply(section, nameof(JobReplicaOptions.Lease), v => o.Lease = v);
            SecondsKeys.Apply(section, nameof(JobReplicaOptions.Poll), v => o.Poll = v);
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobReplicaOptions>, JobReplicaOptionsValidator>());
        return services;
    }
}

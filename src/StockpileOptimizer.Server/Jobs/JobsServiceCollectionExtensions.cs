using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The job system: <see cref="JobOptions"/> from the "Jobs" section of
    /// <paramref name="configuration"/> (validated at start-up), the SQLite store unless an
    /// <see cref="IJobStore"/> is registered already, and the service as
    /// <see cref="IJobService"/> and as a hosted service (recovery at start, graceful stop).
    /// </summary>
    public static IServiceCollection AddStockpileJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStockpileJobOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJobStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;
            return options.Store switch
            {
                JobStoreKind.Postgres => PostgresJobStore.Open(options.PostgresConnectionString!),
                _ => SqliteJobStore.Open(options.StorePath),
            };
        });
        services.TryAddSingleton<JobService>();
        services.TryAddSingleton<IJobService>(provider => provider.GetRequiredService<JobService>());
        services.AddHostedService(provider => provider.GetRequiredService<JobService>());
        return services;
    }
}

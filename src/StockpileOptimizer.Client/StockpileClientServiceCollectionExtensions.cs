using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Client;
using StockpileOptimizer.Contracts.V1;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="StockpileClient"/> through Grpc.Net.ClientFactory.</summary>
public static class StockpileClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the generated StockpileService and AnalysisService clients with the gRPC
    /// client factory (one HttpClient pipeline each, address and message sizes from
    /// <paramref name="configure"/>) and <see cref="StockpileClient"/> over them (transient:
    /// inject it where needed, the factory pools the connections).
    /// <paramref name="configureGrpc"/> is applied to both client builders: add interceptors,
    /// handlers or call credentials there.
    /// </summary>
    public static IServiceCollection AddStockpileClient(
        this IServiceCollection services, Action<StockpileClientOptions> configure, Action<IHttpClientBuilder>? configureGrpc = null)
    {
        services.AddOptions<StockpileClientOptions>()
            .Configure(configure)
            .Validate(o =>
            {
                o.Validate();
                return true;
            });
        Configure(services.AddGrpcClient<StockpileService.StockpileServiceClient>(Address), configureGrpc);
        Configure(services.AddGrpcClient<AnalysisService.AnalysisServiceClient>(Address), configureGrpc);
        services.TryAddTransient(provider => new StockpileClient(
            provider.GetRequiredService<StockpileService.StockpileServiceClient>(),
            provider.GetRequiredService<AnalysisService.AnalysisServiceClient>(),
            provider.GetRequiredService<IOptions<StockpileClientOptions>>().Value));
        return services;
    }

    /// <summary>The same with options given as an object (copied at registration).</summary>
    public static IServiceCollection AddStockpileClient(
        this IServiceCollection services, StockpileClientOptions options, Action<IHttpClientBuilder>? configureGrpc = null)
    {
        var copy = options.Clone();
        return services.AddStockpileClient(copy.CopyTo, configureGrpc);
    }

    private static void Address(IServiceProvider provider, Grpc.Net.ClientFactory.GrpcClientFactoryOptions factory) =>
        factory.Address = provider.GetRequiredService<IOptions<StockpileClientOptions>>().Value.Validate();

    private static void Configure(IHttpClientBuilder builder, Action<IHttpClientBuilder>? configureGrpc)
    {
        builder.ConfigureChannel((provider, channel) =>
            StockpileClient.Configure(channel, provider.GetRequiredService<IOptions<StockpileClientOptions>>().Value));
        configureGrpc?.Invoke(builder);
    }
}

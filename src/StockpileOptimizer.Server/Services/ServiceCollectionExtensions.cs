using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Hosting;
using StockpileOptimizer.Server.Interceptors;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Services;

internal static class ServiceCollectionExtensions
{
    /// <summary>The gRPC layer: StockpileService and AnalysisService with their interceptors, health checking, reflection, options.</summary>
    public static IServiceCollection AddStockpileGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStockpileServerOptions(configuration);
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ServerOptions>>((host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RequestReader>();
        services.AddOptions<ApiKeyThrottleOptions>().Bind(configuration.GetSection(ServerOptions.Section))
            .Validate(o => !o.Problems().Any(), "invalid API key throttle: Server:ApiKeyMaxFailures ≥ 0, Server:ApiKeyFailureWindow and Server:ApiKeyLockout > 0")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyGate>();
        services.AddOneLineLogs();

        services.AddGrpc()
            .AddServiceOptions<StockpileGrpcService>(o =>
            {
                o.Interceptors.Add<ErrorInterceptor>();
                o.Interceptors.Add<ApiKeyInterceptor>();
            })
            .AddServiceOptions<AnalysisGrpcService>(o =>
            {
                o.Interceptors.Add<ErrorInterceptor>();
                o.Interceptors.Add<ApiKeyInterceptor>();
            });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<ServerOptions>>((grpc, server) =>
        {
            grpc.MaxReceiveMessageSize = server.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = server.Value.MaxSendMessageBytes;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(o =>
            {
                // "" is the server as a whole; the service's own name answers the same.
                o.Services.Map("", _ => true);
                o.Services.Map(V1.StockpileService.Descriptor.FullName, _ => true);
                o.Services.Map(V1.AnalysisService.Descriptor.FullName, _ => true);
            })
            .AddCheck("grpc", () => HealthCheckResult.Healthy());
        // Last: the registrations above may add grpc-dotnet's own binder provider again.
        services.RefuseMalformedRequestBodies();
        return services;
    }
}

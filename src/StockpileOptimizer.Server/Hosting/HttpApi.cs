using System.Net;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.OpenApi.Models;
using StockpileOptimizer.Server.Options;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// The HTTP/JSON face of the gRPC services (docs/api.md, "HTTP/JSON"): gRPC JSON transcoding
/// of the <c>google.api.http</c> bindings in proto/stockpile/v1, and an OpenAPI document of
/// them at <see cref="OpenApiPath"/>. The same service code, interceptors (API key, errors)
/// and limits answer both; gRPC behaviour is unchanged.
/// </summary>
internal static class HttpApi
{
    /// <summary>Where the OpenAPI (3.0) document is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Registers transcoding, the OpenAPI generator and, when <see cref="HttpApiOptions.Port"/> is set, a plain HTTP/1.1 listener.</summary>
    public static IServiceCollection AddStockpileHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpc().AddJsonTranscoding(o =>
            // Error details (google.rpc.BadRequest, RetryInfo) and the services' messages are
            // written as JSON inside the error body's "details".
            o.TypeRegistry = TypeRegistry.FromFiles(
                ErrorDetailsReflection.Descriptor, StockpileServiceReflection.Descriptor, AnalysesReflection.Descriptor));
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o => o.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "StockpileOptimizer HTTP/JSON API",
            Version = "v1",
            Description = "gRPC JSON transcoding of stockpile.v1 (proto/stockpile/v1); see docs/api.md.",
        }));
        KeepRequestBodyBinding(services);

        var options = configuration.GetSection(HttpApiOptions.Section).Get<HttpApiOptions>() ?? new HttpApiOptions();
        if (options.Port is { } port)
        {
            var host = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>()?.Host ?? new ServerOptions().Host;
            services.Configure<KestrelServerOptions>(kestrel => Listen(kestrel, host, port));
        }
        return services;
    }

    /// <summary>
    /// AddGrpc above (and again inside AddGrpcSwagger) registers grpc-dotnet's binder provider again when
    /// <see cref="RequestBodyBinding.RefuseMalformedRequestBodies"/> has already replaced it;
    /// both would bind every gRPC method (two endpoints per route), so it is taken out again.
    /// Registered before it, the replacement takes it out itself.
    /// </summary>
    private static void KeepRequestBodyBinding(IServiceCollection services)
    {
        if (!services.Any(d => d.ImplementationType == typeof(RequestBodyMethodProvider<>)))
        {
            return;
        }
        foreach (var binder in services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { IsGenericTypeDefinition: true } type
            && type.Assembly == typeof(IServiceMethodProvider<>).Assembly
            && type.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal)).ToList())
        {
            services.Remove(binder);
        }
    }

    /// <summary>
    /// Serves the OpenAPI document at <see cref="OpenApiPath"/>, and puts the API key check
    /// (<see cref="ApiKeyMiddleware"/>) in front of every gRPC and HTTP/JSON endpoint, after
    /// routing and before the body is read.
    /// </summary>
    public static WebApplication UseStockpileHttpApi(this WebApplication app)
    {
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// Cleartext HTTP/1.1 on the gRPC endpoint's interface: without TLS that endpoint speaks
    /// HTTP/2 only, which curl, Python's urllib and most HTTP clients do not speak by default.
    /// </summary>
    private static void Listen(KestrelServerOptions kestrel, string host, int port)
    {
        static void Http1(ListenOptions listen) => listen.Protocols = HttpProtocols.Http1;
        switch (host)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, Http1);
                break;
            case "*" or "0.0.0.0" or "::":
                kestrel.ListenAnyIP(port, Http1);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(host), port, Http1);
                break;
        }
    }
}

/// <summary>Options of the HTTP/JSON API, section "HttpApi" (e.g. <c>--HttpApi:Port=5081</c>).</summary>
public sealed class HttpApiOptions
{
    public const string Section = "HttpApi";

    /// <summary>
    /// TCP port of a plain HTTP/1.1 listener (no TLS) for HTTP/JSON callers, on the interface
    /// of Server:Host. Unset: none; the HTTP/JSON routes are then reached on the gRPC endpoint
    /// (HTTP/2, or HTTP/1.1 over TLS when a certificate is configured).
    /// </summary>
    public int? Port { get; set; }
}

using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// Telemetry, off by default (docs/api.md, "Telemetry"). <c>Telemetry:Enabled</c> exports the
/// host's traces and metrics (<see cref="Telemetry"/>, <see cref="JobGauges"/>, ASP.NET Core's)
/// over OTLP, configured by the standard <c>OTEL_*</c> variables (OTEL_EXPORTER_OTLP_ENDPOINT,
/// OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, …); <c>Telemetry:Prometheus</c> serves the
/// metrics for scraping at <see cref="PrometheusPath"/>. With both off nothing is registered.
/// </summary>
internal static class TelemetrySetup
{
    public const string Section = "Telemetry";

    /// <summary>Where the Prometheus scrape endpoint is mapped.</summary>
    public const string PrometheusPath = "/metrics";

    public static IServiceCollection AddStockpileTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var (enabled, prometheus) = Read(configuration);
        if (!enabled && !prometheus)
        {
            return services;
        }
        services.AddSingleton<JobGauges>();
        services.AddHostedService(provider => provider.GetRequiredService<JobGauges>());
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation();
            if (enabled)
            {
                metrics.AddOtlpExporter();
            }
            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (enabled)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter());
        }
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when <c>Telemetry:Prometheus</c> is on.</summary>
    public static WebApplication MapStockpileTelemetry(this WebApplication app)
    {
        if (Read(app.Configuration).Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath);
        }
        return app;
    }

    private static (bool Enabled, bool Prometheus) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return (section.GetValue("Enabled", false), section.GetValue("Prometheus", false));
    }
}

using StockpileOptimizer.Server.Hosting;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;
using StockpileOptimizer.Server.Services;

// The gRPC host: options from appsettings.json, environment (Server__Port=6000) and the
// command line (--Server:Port=6000); see docs/api.md.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelEndpoint.Listen(
    kestrel, context.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions()));
builder.Services.AddStockpileGrpc(builder.Configuration);
// The silo first: hosted services start in this order (and stop in reverse), so the silo is up
// before the job service runs a job and stays up until that service has handed its jobs back.
builder.AddStockpileCluster();
builder.Services.AddStockpileJobs(builder.Configuration);
builder.Services.AddStockpileHttpApi(builder.Configuration);
builder.Services.AddStockpileTelemetry(builder.Configuration);

var app = builder.Build();
app.UseStockpileHttpApi();
app.MapGrpcService<StockpileGrpcService>();
app.MapGrpcService<AnalysisGrpcService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapStockpileTelemetry();
try
{
    // Opened before the host starts, so that a store it cannot open is told in one line (below),
    // not also logged with its stack as a failed start.
    app.Services.GetRequiredService<IJobStore>();
    app.Run();
}
catch (Exception e) when (StartupFailure.Describe(e) is { } reason)
{
    Console.Error.WriteLine(reason);
    return StartupFailure.ExitCode;
}
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;
using StockpileOptimizer.Server.Services;

// The gRPC host: options from appsettings.json, environment (Server__Port=6000) and the
// command line (--Server:Port=6000); see docs/api.md.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelEndpoint.Listen(
    kestrel, context.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions()));
builder.Services.AddStockpileGrpc(builder.Configuration);
builder.Services.AddStockpileJobs(builder.Configuration);

var app = builder.Build();
app.MapGrpcService<StockpileGrpcService>();
app.MapGrpcService<AnalysisGrpcService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

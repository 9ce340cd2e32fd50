using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// The real server (Program, its options, job system and SQLite store) on an in-memory test
/// server, with its own temporary data directory, and a generated client over a gRPC channel
/// to it. Settings are configuration keys as in appsettings.json ("Jobs:QueueCapacity").
/// </summary>
internal sealed class StockpileHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly bool ownsDirectory;

    public StockpileHost(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("stockpile-server-test-").FullName;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Jobs:DataDirectory", DataDirectory);
            // Stopping the host interrupts running solves at once and re-queues them.
            builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        Channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = factory.Server.CreateHandler(),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        Client = new V1.StockpileService.StockpileServiceClient(Channel);
    }

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public V1.StockpileService.StockpileServiceClient Client { get; }

    /// <summary>Signals the stop (ApplicationStopping), as SIGTERM does, without tearing the host down.</summary>
    public void BeginStopping() => factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

    /// <summary>Stops the host (gracefully, as on SIGTERM); the data directory is removed only if this host made it.</summary>
    public async ValueTask DisposeAsync()
    {
        // The host first, so that open calls see the server stop (not the client hang up).
        await factory.DisposeAsync();
        Channel.Dispose();
        if (ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled SQLite handle may still be closing; the OS cleans temp later.
            }
        }
    }

    public static CallOptions Deadline(TimeSpan timeout) => new(deadline: DateTime.UtcNow + timeout);
}

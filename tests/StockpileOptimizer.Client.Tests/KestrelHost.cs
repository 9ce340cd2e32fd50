using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace StockpileOptimizer.Client.Tests;

/// <summary>
/// The real server (its Program, options, job system and SQLite store) on Kestrel, listening on
/// 127.0.0.1:<see cref="Port"/> over h2c, as in production, so that a stopped host is really
/// gone: connections are refused. Settings are configuration keys ("Jobs:QueueCapacity").
/// </summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly bool ownsDirectory;

    private KestrelHost(int port, string? dataDirectory, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        Port = port;
        ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("stockpile-client-test-").FullName;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Server:Host", "127.0.0.1");
            builder.UseSetting("Server:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Jobs:DataDirectory", DataDirectory);
            builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });
        factory.UseKestrel();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public string DataDirectory { get; }

    /// <summary>Starts a host on <paramref name="port"/> (default: a free one); it listens when this returns.</summary>
    public static KestrelHost Start(
        int? port = null, string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = new KestrelHost(port ?? FreePort(), dataDirectory, settings, services);
        host.factory.StartServer();
        return host;
    }

    /// <summary>A loopback port nobody listens on (just now).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the host (as SIGTERM does: running solves go back to the queue); the data directory goes only if this host made it.</summary>
    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
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
}

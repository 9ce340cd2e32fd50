using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace StockpileOptimizer.Client.Tests;

/// <summary>
/// The real server (its Program, options, job system and SQLite store) on Kestrel, listening on
/// 127.0.0.1:<see cref="Port"/> over h2c, as in production, so that a stopped host is really
/// gone: connections are refused. Settings are configuration keys ("Jobs:QueueCapacity").
/// A new host binds port 0 and reads the port the system gave it back from Kestrel; only a
/// restart asks for a port, the one its predecessor was given.
/// </summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly bool ownsDirectory;

    private KestrelHost(int port, string? dataDirectory, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
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

    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public string DataDirectory { get; }

    /// <summary>
    /// Starts a host on <paramref name="port"/> (default 0: a port the system picks, read back
    /// from Kestrel's bound addresses); it listens when this returns.
    /// </summary>
    public static KestrelHost Start(
        int port = 0, string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = new KestrelHost(port, dataDirectory, settings, services);
        host.factory.StartServer();
        var bound = host.factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        host.Port = new Uri(bound.Single()).Port;
        return host;
    }

    /// <summary>
    /// A loopback address that refuses connections for as long as the returned socket is held: the
    /// socket is bound (so no one else gets the port) and never listens.
    /// </summary>
    public static (Socket Holder, Uri Address) Refusing()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (socket, new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}"));
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

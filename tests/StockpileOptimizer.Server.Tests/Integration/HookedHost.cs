using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// The real server, as <see cref="StockpileHost"/> starts it, with test services added after
/// the server's own (a fake clock, a log sink, an interceptor) and optional middleware put in
/// front of the server's pipeline.
/// </summary>
internal sealed class HookedHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly string directory = Directory.CreateTempSubdirectory("stockpile-server-test-").FullName;

    public HookedHost(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<IApplicationBuilder>? front = null)
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Jobs:DataDirectory", directory);
            builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(s =>
            {
                services?.Invoke(s);
                if (front is not null)
                {
                    s.AddSingleton<IStartupFilter>(new FrontFilter(front));
                }
            });
        });
        Channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = factory.Server.CreateHandler(),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
    }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => factory.Services;

    public HttpClient Http() => factory.CreateClient();

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Channel.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the OS cleans temp later.
        }
    }

    private sealed class FrontFilter(Action<IApplicationBuilder> front) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            front(app);
            next(app);
        };
    }
}

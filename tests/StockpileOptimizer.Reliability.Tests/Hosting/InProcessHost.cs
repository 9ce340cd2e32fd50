using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace StockpileOptimizer.Reliability.Tests.Hosting;

/// <summary>
/// The real server (Program, options, job system, SQLite store) on the in-memory test server,
/// as tests/StockpileOptimizer.Server.Tests does it, with its own temporary data directory and
/// every warning or error it logs kept for the test to inspect.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    public InProcessHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("stockpile-reliability-").FullName;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Jobs:DataDirectory", DataDirectory);
            builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.AddProvider(new Collector(Logged)));
        });
        Channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = factory.Server.CreateHandler(),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = null,
        });
        Client = new V1.StockpileService.StockpileServiceClient(Channel);
    }

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public V1.StockpileService.StockpileServiceClient Client { get; }

    /// <summary>Every entry of level Warning or above the host logged: (level, category, event id, message with exception).</summary>
    public ConcurrentQueue<LogEntry> Logged { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Channel.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A closing SQLite handle; the OS cleans temp later.
        }
    }

    public static CallOptions Deadline(TimeSpan timeout) => new(deadline: DateTime.UtcNow + timeout);

    internal sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message)
    {
        public override string ToString() => $"{Level} {Category}[{EventId}] {Message}";
    }

    private sealed class Collector(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception) + (exception is null ? "" : $" | {exception}")));
            }
        }
    }
}

using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Contracts.Mapping;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// What the server writes for bodies that are not the request message and for error answers:
/// one line per entry (docs/api.md), and no stack below Warning. The host runs as it does
/// without appsettings.json (the framework's defaults: everything from Information, the console
/// formatter multi-line); each entry is captured as the host's own console formatter writes it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class LogLineTests
{
    [Fact]
    public async Task Malformed_bodies_and_errors_log_one_line_each_without_stacks_at_information()
    {
        var capture = new CapturedLog();
        await using var host = new HookedHost(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Grpc"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
                ["Logging:Console:FormatterOptions:SingleLine"] = "false",
            },
            services: s => s.AddSingleton<ILoggerProvider>(p => capture.Attach(p)));
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var validate = new Method<byte[], byte[]>(MethodType.Unary, "stockpile.v1.StockpileService", "ValidateScenario", raw, raw);
        var client = new V1.StockpileService.StockpileServiceClient(host.Channel);
        var invalid = DomainMapping.ToProto(TestInstances.Tiny());
        invalid.Countries.Clear();

        var malformed = await Assert.ThrowsAsync<RpcException>(() =>
            host.Channel.CreateCallInvoker().AsyncUnaryCall(validate, null, new CallOptions(), [0x0a, 0x05, 0x01]).ResponseAsync);
        var rejected = await Assert.ThrowsAsync<RpcException>(() =>
            client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = invalid }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.GetJobAsync(new V1.GetJobRequest { Name = "jobs/none" }).ResponseAsync);

        Assert.Equal(
            [StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.NotFound],
            [malformed.StatusCode, rejected.StatusCode, missing.StatusCode]);
        var entries = capture.Entries.ToArray();
        // The capture works: the host's start-up line is there.
        Assert.Contains(entries, e => e.Text.Contains("Job store", StringComparison.Ordinal));
        foreach (var entry in entries)
        {
            Assert.True(entry.Text.TrimEnd('\n').IndexOf('\n') < 0, $"an entry over several lines: {entry.Text}");
            Assert.False(entry.Level <= LogLevel.Information && entry.HasException, $"a stack at {entry.Level}: {entry.Text}");
        }
    }

    /// <summary>Every entry, formatted by the host's console formatter (Logging:Console:FormatterName) as the console gets it.</summary>
    private sealed class CapturedLog
    {
        public ConcurrentQueue<(LogLevel Level, bool HasException, string Text)> Entries { get; } = new();

        public ILoggerProvider Attach(IServiceProvider services)
        {
            var name = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple;
            var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
            return new Provider(this, formatter);
        }

        private sealed class Provider(CapturedLog log, ConsoleFormatter formatter) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new Logger(log, formatter, categoryName);

            public void Dispose()
            {
            }
        }

        private sealed class Logger(CapturedLog log, ConsoleFormatter formatter, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format)
            {
                using var text = new StringWriter();
                formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, format), null, text);
                log.Entries.Enqueue((logLevel, exception is not null, text.ToString()));
            }
        }
    }
}

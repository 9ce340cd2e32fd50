using Microsoft.Extensions.Logging;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs;

/// <summary>
/// A real <see cref="SqliteJobStore"/> in a fresh temp directory and a real
/// <see cref="JobService"/> over it (started or not), which can be "restarted" on the same file.
/// </summary>
internal sealed class JobHarness : IAsyncDisposable
{
    private JobHarness(string directory, JobOptions options)
    {
        Directory = directory;
        Options = options;
        Store = SqliteJobStore.Open(options.StorePath);
        Service = NewService();
    }

    public string Directory { get; }
    public JobOptions Options { get; }
    public SqliteJobStore Store { get; private set; }
    public JobService Service { get; private set; }
    public CollectingLogger<JobService> Log { get; private set; } = new();

    public static JobHarness Create(Action<JobOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "stockpile-jobs-" + Guid.NewGuid().ToString("N"));
        var options = new JobOptions { DataDirectory = directory, ShutdownGrace = TimeSpan.Zero };
        configure?.Invoke(options);
        return new JobHarness(directory, options);
    }

    public static async Task<JobHarness> StartedAsync(Action<JobOptions>? configure = null)
    {
        var harness = Create(configure);
        await harness.Service.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Stops the service (as the host would), closes the store, opens it again and starts a new service.</summary>
    public async Task RestartAsync(Action<JobOptions>? reconfigure = null)
    {
        await Service.StopAsync(CancellationToken.None);
        Store.Dispose();
        reconfigure?.Invoke(Options);
        Store = SqliteJobStore.Open(Options.StorePath);
        Service = NewService();
        await Service.StartAsync(CancellationToken.None);
    }

    public Task<(JobSnapshot Job, bool Created)> SubmitAsync(
        StockpileInstance instance, string? requestId = null, SolveOptions? options = null) =>
        Service.SubmitAsync(new JobSubmission(requestId, ValidatedInstance.Require(instance), options ?? new SolveOptions()), CancellationToken.None);

    /// <summary>Watches until the terminal event (or <paramref name="until"/> holds for an event) and returns what was seen.</summary>
    public async Task<List<JobEvent>> WatchAsync(string id, long after = 0, Func<JobEvent, bool>? until = null, double timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var seen = new List<JobEvent>();
        await foreach (var e in Service.WatchAsync(id, after, timeout.Token))
        {
            seen.Add(e);
            if (until?.Invoke(e) == true)
            {
                break;
            }
        }
        return seen;
    }

    /// <summary>Marks a queued job RUNNING directly in the store, as a host that took it and then died would have left it.</summary>
    public Task TakeAsIfByAHostThatDiesAsync(string id) => Store.TransitionAsync(
        id, JobState.Queued, new JobTransition(JobState.Running, DateTimeOffset.UtcNow, "running"), CancellationToken.None);

    public Task<List<JobEvent>> WaitUntilRunningAsync(string id) =>
        WatchAsync(id, until: e => e.Kind == JobEventKind.State && e.State == JobState.Running);

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Store.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private JobService NewService()
    {
        Log = new CollectingLogger<JobService>();
        return new JobService(Store, Options, TimeProvider.System, Log, processors: 2);
    }
}

/// <summary>Keeps every log entry with its structured fields.</summary>
internal sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Entries
    {
        get
        {
            lock (entries)
            {
                return entries.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, object?>();
        lock (entries)
        {
            entries.Add((logLevel, formatter(state, exception), fields));
        }
    }
}

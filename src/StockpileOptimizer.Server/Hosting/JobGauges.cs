using System.Diagnostics.Metrics;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// The job gauges of one host: <c>stockpile.jobs.queue_depth</c> (QUEUED jobs) and
/// <c>stockpile.jobs</c> (jobs per state, tag <c>state</c>), counted through
/// <see cref="IJobService.ListAsync"/> page by page. Counting reads every stored job, so a
/// reading is kept for <see cref="Freshness"/> and shared by both gauges. The gauges live on a
/// meter of this host (named <see cref="Telemetry.Name"/>), disposed with it.
/// </summary>
internal sealed class JobGauges : IHostedService, IDisposable
{
    /// <summary>How long a reading of the store is reused.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly IJobService jobs;
    private readonly TimeProvider time;
    private readonly ILogger<JobGauges> logger;
    private readonly Meter meter = new(Telemetry.Name);
    private readonly Lock gate = new();
    private IReadOnlyDictionary<JobState, int>? reading;
    private DateTimeOffset readAt;

    public JobGauges(IJobService jobs, TimeProvider time, ILogger<JobGauges> logger)
    {
        this.jobs = jobs;
        this.time = time;
        this.logger = logger;
        meter.CreateObservableGauge("stockpile.jobs.queue_depth", QueueDepth, "{job}", "Jobs waiting in the queue (QUEUED).");
        meter.CreateObservableGauge("stockpile.jobs", ByState, "{job}", "Stored jobs per state.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<int>> QueueDepth() =>
        Read() is { } counts ? [new Measurement<int>(counts[JobState.Queued])] : [];

    private IEnumerable<Measurement<int>> ByState() =>
        Read() is { } counts
            ? counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("state", c.Key.ToName())))
            : [];

    /// <summary>The counts per state, at most <see cref="Freshness"/> old; null when the store cannot be read.</summary>
    private IReadOnlyDictionary<JobState, int>? Read()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (reading is null || now - readAt >= Freshness)
            {
                try
                {
                    reading = CountAsync().GetAwaiter().GetResult();
                    readAt = now;
                }
                catch (Exception e)
                {
                    ServerLog.JobGaugesUnreadable(logger, e);
                    return null;
                }
            }
            return reading;
        }
    }

    private async Task<IReadOnlyDictionary<JobState, int>> CountAsync()
    {
        var counts = new Dictionary<JobState, int>();
        foreach (var state in Enum.GetValues<JobState>())
        {
            var count = 0;
            string? token = null;
            do
            {
                var page = await jobs.ListAsync(state, JobService.MaxPageSize, token, CancellationToken.None).ConfigureAwait(false);
                count += page.Jobs.Count;
                token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
            }
            while (token is not null);
            counts[state] = count;
        }
        return counts;
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job system: a durable queue in the <see cref="IJobStore"/>, a fixed number of worker
/// loops (JobService.Workers.cs), numbered events stored first and then broadcast to live
/// watchers, start-up recovery and graceful shutdown (JobService.Lifecycle.cs). Over an
/// <see cref="ISharedJobStore"/> (PostgreSQL) several services ("replicas") share the jobs:
/// workers claim them under leases, and cancels and watches work across replicas
/// (JobService.Shared.cs).
/// </summary>
internal sealed partial class JobService : IJobService, IHostedService
{
    public const string SolveKind = JobKinds.Solve;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>How long CancelAsync waits for an interrupted solve to store its outcome.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    private readonly IJobStore store;
    private readonly JobOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<JobService> logger;
    private readonly JobEventHub hub = new();
    /// <summary>Held while an event is stored and broadcast, so watchers receive each job's events in sequence order.</summary>
    private readonly SemaphoreSlim publishing = new(1, 1);
    /// <summary>Ids of QUEUED jobs, in submission order. The store is the truth; an id here whose job is no longer QUEUED is skipped.</summary>
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, RunningJob> running = new();

    public JobService(
        IJobStore store, IOptions<JobOptions> options, IOptions<JobReplicaOptions> replica, TimeProvider time, ILogger<JobService> logger)
        : this(store, options.Value, time, logger, Environment.ProcessorCount, replica.Value)
    {
    }

    /// <param name="replica">How replicas share the store; used only when it is an <see cref="ISharedJobStore"/>. Defaults when null.</param>
    internal JobService(
        IJobStore store, JobOptions options, TimeProvider time, ILogger<JobService> logger, int processors, JobReplicaOptions? replica = null)
    {
        this.store = store;
        this.options = options;
        this.time = time;
        this.logger = logger;
        shared = store as ISharedJobStore;
        this.replica = replica ?? new JobReplicaOptions();
        Owner = this.replica.NewOwner();
        Limits = JobLimits.Fit(options, processors, out var adjustment);
        if (adjustment is not null)
        {
            logger.ThreadBudgetClamped(adjustment);
        }
    }

    internal JobLimits Limits { get; }

    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule (nothing is stored).</exception>
    /// <exception cref="ArgumentException">
    /// The job kind is not known, or does not match the analysis spec (an analysis needs a spec of
    /// its kind; a solve has none).
    /// </exception>
    public async Task<(JobSnapshot Job, bool Created)> SubmitAsync(JobSubmission submission, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(submission);
        CheckKind(submission);
        InstanceValidator.ThrowIfInvalid(submission.Instance);

        var now = time.GetUtcNow();
        var requestId = string.IsNullOrWhiteSpace(submission.RequestId) ? null : submission.RequestId;
        var job = new NewJob(
            Guid.CreateVersion7(now).ToString("N"), submission with { RequestId = requestId }, InstanceJson.Fingerprint(submission.Instance), now);
        var (snapshot, created) = await store.InsertAsync(job, options.QueueCapacity, cancel).ConfigureAwait(false);
        if (created)
        {
            logger.Queued(snapshot.Id, snapshot.Fingerprint, requestId);
            if (shared is null)
            {
                queue.Writer.TryWrite(snapshot.Id);
            }
            else
            {
                WakeWorkers(); // this replica's; the others hear the store's notice
            }
        }
        return (snapshot, created);
    }

    public Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel) => store.GetAsync(id, cancel);

    public Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel) => store.GetResultAsync(id, cancel);

    public Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel) => store.GetAnalysisResultAsync(id, cancel);

    /// <summary>A page size of 0 or less means <see cref="DefaultPageSize"/>; larger than <see cref="MaxPageSize"/> is capped.</summary>
    /// <exception cref="ArgumentException">The page token was not issued by a previous page.</exception>
    public Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel) =>
        store.ListAsync(state, pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize), pageToken, cancel);

    public async Task<JobSnapshot?> CancelAsync(string id, CancellationToken cancel)
    {
        // A few rounds: a queued job may be taken by a worker between our read and our change.
        for (var round = 0; ; round++)
        {
            var job = await store.GetAsync(id, cancel).ConfigureAwait(false);
            if (job is null || job.State.IsTerminal() || round == 4)
            {
                return job;
            }
            if (job.State == JobState.Queued)
            {
                logger.CancelRequested(id, job.State, job.Fingerprint);
                var change = new JobTransition(JobState.Cancelled, time.GetUtcNow(), "cancelled before it ran");
                if (await TransitionAsync(id, JobState.Queued, change, cancel).ConfigureAwait(false) is { } cancelled)
                {
                    return cancelled;
                }
                continue;
            }
            if (!running.TryGetValue(id, out var run))
            {
                // RUNNING in the store but not here: another replica runs it (ask it), or it just
                // finished (the next read shows it), or a dead host left it and recovery has not run yet.
                if (shared is not null && await CancelElsewhereAsync(job, cancel).ConfigureAwait(false) is { } answer)
                {
                    return answer;
                }
                continue;
            }
            logger.CancelRequested(id, job.State, job.Fingerprint);
            run.Stop(StopReason.Cancelled);
            try
            {
                await run.Finished.WaitAsync(CancelWait, time, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still extracting the plan; the caller sees RUNNING and the watch reports the end.
                return await store.GetAsync(id, cancel).ConfigureAwait(false);
            }
        }
    }

    public IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, CancellationToken cancel) =>
        shared is null ? WatchLocalAsync(id, afterSequence, cancel) : WatchSharedAsync(id, afterSequence, cancel);

    /// <summary>One host: stored events, then the live ones this service broadcasts.</summary>
    private async IAsyncEnumerable<JobEvent> WatchLocalAsync(string id, long afterSequence, [EnumeratorCancellation] CancellationToken cancel)
    {
        var last = afterSequence;
        while (true)
        {
            // Subscribe before reading the store: an event stored after the read is then surely
            // broadcast to us, and one both read and received is dropped by its sequence number.
            using var live = hub.Subscribe(id);
            var job = await store.GetAsync(id, cancel).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
            foreach (var stored in await store.GetEventsAsync(id, last, cancel).ConfigureAwait(false))
            {
                yield return stored;
                last = stored.Sequence;
                if (stored.IsTerminal())
                {
                    yield break;
                }
            }
            if (job.State.IsTerminal())
            {
                yield break;
            }
            await foreach (var e in live.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                if (e.Sequence <= last)
                {
                    continue;
                }
                yield return e;
                last = e.Sequence;
                if (e.IsTerminal())
                {
                    yield break;
                }
            }
            if (live.Closed)
            {
                throw new JobServiceStoppingException();
            }
            // Overflowed: we fell behind; go round and read the missed events from the store.
        }
    }

    /// <summary>Stores a state change and broadcasts its event; null when the job was not in <paramref name="from"/>.</summary>
    private async Task<JobSnapshot?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel)
    {
        if (shared is not null)
        {
            return await TransitionSharedAsync(id, from, change, cancel).ConfigureAwait(false);
        }
        await publishing.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (await store.TransitionAsync(id, from, change, cancel).ConfigureAwait(false) is not { } done)
            {
                return null;
            }
            hub.Publish(done.Event);
            return done.Job;
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <summary>Stores progress events and broadcasts them.</summary>
    private async Task AppendAsync(string id, IReadOnlyList<JobEventDraft> drafts)
    {
        if (shared is not null)
        {
            await AppendSharedAsync(id, drafts).ConfigureAwait(false);
            return;
        }
        await publishing.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var e in await store.AppendEventsAsync(id, drafts, CancellationToken.None).ConfigureAwait(false))
            {
                hub.Publish(e);
            }
        }
        finally
        {
            publishing.Release();
        }
    }
}

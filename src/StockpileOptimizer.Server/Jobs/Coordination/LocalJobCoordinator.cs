using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// One host: a durable queue in the store, the ids of its QUEUED jobs in an in-process channel
/// that a fixed number of workers take from, and numbered events stored first and then broadcast
/// to live watchers (<see cref="JobEventHub"/>). Start-up recovers every job a dead host left RUNNING.
/// </summary>
internal sealed class LocalJobCoordinator(IJobStore store, JobOptions options, JobLimits limits, TimeProvider time, ILogger logger, ISolveFarm? farm = null)
    : JobCoordinator(store, options, limits, time, logger, farm)
{
    private readonly JobEventHub hub = new();
    /// <summary>Held while an event is stored and broadcast, so watchers receive each job's events in sequence order.</summary>
    private readonly SemaphoreSlim publishing = new(1, 1);
    /// <summary>
    /// QUEUED jobs, in submission order: the id, with the validated submission when this process
    /// took it (null for a job found in the store at start-up). The store is the truth; an entry
    /// whose job is no longer QUEUED is skipped.
    /// </summary>
    private readonly Channel<(string Id, JobSubmission? Submission)> queue = Channel.CreateUnbounded<(string, JobSubmission?)>();

    /// <summary>Recovers what a previous host left, queues every QUEUED job (oldest first) and starts the workers.</summary>
    public override async Task<Task> StartAsync(CancellationToken stop, CancellationToken cancel)
    {
        var (requeued, failed) = await RecoverAsync(cancel).ConfigureAwait(false);
        var queued = await Store.GetInStateAsync(JobState.Queued, cancel).ConfigureAwait(false);
        foreach (var job in queued)
        {
            queue.Writer.TryWrite((job.Job.Id, null));
        }
        var workers = Task.WhenAll(Enumerable.Range(1, Limits.ConcurrentSolves)
            .Select(worker => Task.Run(() => WorkAsync(worker, stop), CancellationToken.None)));
        Logger.Started(Store.Location, queued.Count, requeued, failed, Limits.ConcurrentSolves, Limits.ThreadsPerSolve);
        return workers;
    }

    public override void Queued(string id, JobSubmission submission) => queue.Writer.TryWrite((id, submission));

    public override async Task<JobSnapshot?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel)
    {
        await publishing.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (await Store.TransitionAsync(id, from, change, cancel).ConfigureAwait(false) is not { } done)
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

    public override async Task AppendAsync(string id, IReadOnlyList<JobEventDraft> drafts)
    {
        await publishing.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var e in await Store.AppendEventsAsync(id, drafts, CancellationToken.None).ConfigureAwait(false))
            {
                hub.Publish(e);
            }
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <summary>RUNNING in the store but not here: it just finished (the next read shows it), or a dead host left it and recovery has not run yet.</summary>
    public override Task<JobSnapshot?> CancelElsewhereAsync(JobSnapshot job, CancellationToken cancel) => Task.FromResult<JobSnapshot?>(null);

    /// <summary>Stored events, then the live ones this host broadcasts.</summary>
    public override async IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, [EnumeratorCancellation] CancellationToken cancel)
    {
        var last = afterSequence;
        while (true)
        {
            // Subscribe before reading the store: an event stored after the read is then surely
            // broadcast to us, and one both read and received is dropped by its sequence number.
            using var live = hub.Subscribe(id);
            var job = await Store.GetAsync(id, cancel).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
            foreach (var stored in await Store.GetEventsAsync(id, last, cancel).ConfigureAwait(false))
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

    public override string HandBackMessage(string work) => $"re-queued: the host is shutting down; the {work} starts again when it is back";

    public override void Close() => hub.Close();

    /// <summary>
    /// Jobs left RUNNING by a host that died: back to QUEUED ("re-queued after host restart"),
    /// or FAILED with the reason when <see cref="JobOptions.OnRecovery"/> says so or the job
    /// has already been started <see cref="JobOptions.MaxAttempts"/> times.
    /// </summary>
    private async Task<(int Requeued, int Failed)> RecoverAsync(CancellationToken cancel)
    {
        var (requeued, failed) = (0, 0);
        foreach (var (job, attempts) in await Store.GetInStateAsync(JobState.Running, cancel).ConfigureAwait(false))
        {
            var now = Time.GetUtcNow();
            var reason = RecoveryFailure("the host stopped while the job was running", attempts);
            if (reason is null)
            {
                const string message = "re-queued after host restart";
                if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Queued, now, message), cancel).ConfigureAwait(false) is not null)
                {
                    Logger.Requeued(job.Id, job.Fingerprint, message);
                    requeued++;
                }
            }
            else if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Failed, now, $"failed: {reason}", Error: reason), cancel)
                .ConfigureAwait(false) is not null)
            {
                Logger.RecoveryFailed(job.Id, job.Fingerprint, reason);
                failed++;
            }
        }
        return (requeued, failed);
    }

    /// <summary>One worker: takes queued ids until the service stops, one job at a time.</summary>
    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (!stop.IsCancellationRequested && queue.Reader.TryRead(out var entry))
                {
                    try
                    {
                        await RunAsync(entry.Id, entry.Submission).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        // The store failed even to record the failure: the job stays as stored
                        // (QUEUED or RUNNING) and start-up recovery deals with it.
                        Logger.WorkerCrashed(worker, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Runs a QUEUED job: with the submission this process validated when it took it, or, for a
    /// job found in the store at start-up (a new process), with the stored submission, which the
    /// runner validates once (<see cref="JobRunner.ExecuteStoredAsync"/>).
    /// </summary>
    private async Task RunAsync(string id, JobSubmission? submitted)
    {
        if (await Store.GetAsync(id, CancellationToken.None).ConfigureAwait(false) is not { State: JobState.Queued } job)
        {
            return; // cancelled while queued, or a second entry for a job already run
        }
        var run = new RunningJob(id, job.Fingerprint);
        // Registered before the job becomes RUNNING, so a cancel that sees RUNNING finds it here.
        if (!Running.TryAdd(id, run))
        {
            return;
        }
        try
        {
            var stored = submitted is null
                ? await Store.GetSubmissionAsync(id, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new JobStoreException($"job {id}: its submission is missing from the store")
                : null;
            var description = stored is null
                ? Runner.Describe(submitted!.Instance.Instance, submitted.Options, submitted.Analysis)
                : Runner.Describe(stored.Instance, stored.Options, stored.Analysis);
            var start = new JobTransition(JobState.Running, Time.GetUtcNow(), description);
            if (await TransitionAsync(id, JobState.Queued, start, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return;
            }
            await (stored is null ? Runner.ExecuteAsync(run, submitted!) : Runner.ExecuteStoredAsync(run, stored)).ConfigureAwait(false);
        }
        catch (JobStoreException e)
        {
            // The stored submission cannot be read: the job cannot run, ever.
            await Runner.FinishSolveAsync(run, null, e).ConfigureAwait(false);
        }
        finally
        {
            Running.TryRemove(id, out _);
            run.Finish();
        }
    }
}

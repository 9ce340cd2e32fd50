using System.Runtime.CompilerServices;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Several replicas on one shared store (PostgreSQL). The store is the only truth they share:
/// <list type="bullet">
/// <item>workers claim the oldest QUEUED job (FOR UPDATE SKIP LOCKED) under a lease, which a
/// <see cref="LeaseKeeper"/> renews while the job runs;</item>
/// <item>a replica that dies stops renewing; any live one re-queues its jobs once the lease has run
/// out (or fails them, by the same rules as start-up recovery), and start-up touches only such jobs;</item>
/// <item>a cancel of a job running elsewhere sets cancel_requested; the owner sees it at its next
/// renewal, and at once through the notice the store sends with it;</item>
/// <item>every stored event is NOTIFYed; one <see cref="JobNoticeListener"/> per replica wakes idle
/// workers and watches, which then read the store. Workers and watches also look every
/// <see cref="JobReplicaOptions.Poll"/>, in case a notice was lost with a connection.</item>
/// </list>
/// A replica that cannot renew stops the job itself before its lease can run out, and the store
/// refuses events and outcomes from an owner that no longer holds the job, so a job never has two
/// runs storing results, and at most a renewal interval of overlap if a replica is cut off.
/// </summary>
internal sealed class SharedJobCoordinator : JobCoordinator
{
    /// <summary>How long a cancel of a job running elsewhere waits for its owner to store the outcome.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    /// <summary>The message of a job a stopping replica puts back in the shared queue, for the others.</summary>
    private const string HandedBack = "re-queued: the host is shutting down; another replica runs it";

    private readonly ISharedJobStore shared;
    private readonly JobReplicaOptions replica;
    private readonly JobSignals signals = new();
    private readonly LeaseKeeper leases;
    private readonly JobNoticeListener notices;
    private WakeUp[] workerWakeUps = [];

    public SharedJobCoordinator(
        ISharedJobStore shared, JobOptions options, JobReplicaOptions replica, JobLimits limits, TimeProvider time, ILogger logger,
        ISolveFarm? farm = null)
        : base(shared, options, limits, time, logger, farm)
    {
        this.shared = shared;
        this.replica = replica;
        Owner = replica.NewOwner();
        leases = new LeaseKeeper(shared, Owner, replica, time, logger);
        notices = new JobNoticeListener(shared, signals, Running, WakeWorkers, replica, time, logger);
    }

    /// <summary>This replica's owner string in the store.</summary>
    public string Owner { get; }

    /// <summary>A dead replica's jobs are re-queued within about 1.5 leases.</summary>
    private TimeSpan SweepEvery => replica.Lease / 2;

    /// <summary>Listens, recovers the jobs of dead replicas, and starts the workers, the listener and the sweep.</summary>
    public override async Task<Task> StartAsync(CancellationToken stop, CancellationToken cancel)
    {
        var listener = await notices.TryListenAsync(cancel).ConfigureAwait(false);
        var (requeued, failed) = await RecoverExpiredAsync(atStartUp: true, cancel).ConfigureAwait(false);
        var wakeUps = Enumerable.Range(0, Limits.ConcurrentSolves).Select(_ => new WakeUp()).ToArray();
        Volatile.Write(ref workerWakeUps, wakeUps);
        var loops = wakeUps
            .Select((wake, i) => Task.Run(() => WorkAsync(i + 1, wake, stop), CancellationToken.None))
            .Append(Task.Run(() => notices.RunAsync(listener, stop), CancellationToken.None))
            .Append(Task.Run(() => SweepLoopAsync(stop), CancellationToken.None))
            .ToList();
        Logger.StartedShared(Store.Location, Owner, replica.Lease.TotalSeconds, requeued, failed, Limits.ConcurrentSolves, Limits.ThreadsPerSolve);
        return Task.WhenAll(loops);
    }

    /// <summary>Wakes this replica's workers; the others hear the store's notice.</summary>
    /// <summary>Any replica may claim the job, and it reads the submission back from the store (<see cref="JobRunner.ExecuteStoredAsync"/>).</summary>
    public override void Queued(string id, JobSubmission submission) => WakeWorkers();

    /// <summary>
    /// Out of RUNNING this replica moves only jobs it runs itself (recovery has its own path), so
    /// those changes are made under its ownership: a replica that lost the job stores nothing
    /// over another's run.
    /// </summary>
    public override async Task<JobSnapshot?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel)
    {
        var done = from == JobState.Running
            ? await shared.TransitionOwnedAsync(id, Owner, change, cancel).ConfigureAwait(false)
            : await shared.TransitionAsync(id, from, change, cancel).ConfigureAwait(false);
        if (done is null)
        {
            if (from == JobState.Running)
            {
                Logger.NotOwned(id, change.To);
            }
            return null;
        }
        signals.Pulse(id);
        return done.Value.Job;
    }

    /// <summary>Progress of a job this replica runs, stored only while it holds the job.</summary>
    public override async Task AppendAsync(string id, IReadOnlyList<JobEventDraft> drafts)
    {
        if ((await shared.AppendEventsAsync(id, Owner, drafts, CancellationToken.None).ConfigureAwait(false)).Count > 0)
        {
            signals.Pulse(id);
        }
    }

    /// <summary>
    /// Asks the owner of the job and waits (up to the cancel wait) for the outcome it stores. A
    /// job whose lease has run out has no owner to ask: it is cancelled here.
    /// </summary>
    public override async Task<JobSnapshot?> CancelElsewhereAsync(JobSnapshot job, CancellationToken cancel)
    {
        using var changes = signals.Subscribe(job.Id);
        if ((await shared.GetExpiredAsync(cancel).ConfigureAwait(false)).Any(j => j.Job.Id == job.Id))
        {
            Logger.CancelRequested(job.Id, job.State, job.Fingerprint);
            var change = JobOutcomes.Cancelled(Time.GetUtcNow(), "cancelled; the replica running it had stopped renewing its lease");
            var done = await shared.TransitionExpiredAsync(job.Id, change, cancel).ConfigureAwait(false);
            return done?.Job;
        }
        if (!await shared.RequestCancelAsync(job.Id, cancel).ConfigureAwait(false))
        {
            return null;
        }
        Logger.CancelRequested(job.Id, job.State, job.Fingerprint);
        var asked = Time.GetTimestamp();
        while (true)
        {
            var now = await Store.GetAsync(job.Id, cancel).ConfigureAwait(false);
            if (now is null || now.State.IsTerminal())
            {
                return now;
            }
            if (now.State == JobState.Queued)
            {
                return null; // its owner stopped and handed it back first: cancel it as queued
            }
            var left = CancelWait - Time.GetElapsedTime(asked);
            if (left <= TimeSpan.Zero || changes.Closed)
            {
                return now; // still extracting the plan; the caller sees RUNNING and the watch reports the end
            }
            await changes.WakeUp.WaitAsync(left < replica.Poll ? left : replica.Poll, Time, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The events may be stored by any replica, so each wake-up (a notice, this replica's own
    /// change, or the poll) reads the store after the last one seen.
    /// </summary>
    public override async IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, [EnumeratorCancellation] CancellationToken cancel)
    {
        // Subscribed before the first read: a change stored after that read surely wakes us.
        using var changes = signals.Subscribe(id);
        var last = afterSequence;
        while (true)
        {
            // The job before its events: a terminal job's terminal event is then among them, unless already seen.
            var job = await Store.GetAsync(id, cancel).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
            foreach (var e in await Store.GetEventsAsync(id, last, cancel).ConfigureAwait(false))
            {
                yield return e;
                last = e.Sequence;
                if (e.IsTerminal())
                {
                    yield break;
                }
            }
            if (job.State.IsTerminal())
            {
                yield break;
            }
            if (changes.Closed)
            {
                throw new JobServiceStoppingException();
            }
            await changes.WakeUp.WaitAsync(replica.Poll, Time, cancel).ConfigureAwait(false);
        }
    }

    public override string HandBackMessage(string work) => HandedBack;

    public override void Close() => signals.Close();

    private void WakeWorkers()
    {
        foreach (var wake in Volatile.Read(ref workerWakeUps))
        {
            wake.Set();
        }
    }

    /// <summary>One worker: claims the oldest queued job of any replica, runs it, and claims again; idle, it waits for a notice or the poll.</summary>
    private async Task WorkAsync(int worker, WakeUp wake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            ClaimedJob? claimed = null;
            try
            {
                // Not cancelled by the stop: a claim that commits is then surely seen (and handed back below).
                claimed = await shared.ClaimNextAsync(Owner, replica.Lease, Time.GetUtcNow(), DescribeClaimed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Logger.ClaimFailed(worker, e);
            }
            if (claimed is null)
            {
                try
                {
                    await wake.WaitAsync(replica.Poll, Time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            try
            {
                await RunClaimedAsync(claimed, stop).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The store failed even to record the outcome: the job stays RUNNING under a lease
                // nobody renews, and a replica's sweep recovers it.
                Logger.WorkerCrashed(worker, e);
            }
        }
    }

    /// <summary>The claim's RUNNING message. It runs inside the claim's transaction: a failure here must not block the queue.</summary>
    private string DescribeClaimed(StoredSubmission submission)
    {
        try
        {
            return Runner.Describe(submission.Instance, submission.Options, submission.Analysis);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"running {submission.Kind}";
        }
    }

    private async Task RunClaimedAsync(ClaimedJob claimed, CancellationToken stop)
    {
        var job = claimed.Job;
        signals.Pulse(job.Id);
        if (claimed.Submission is not { } submission)
        {
            Logger.Failed(job.Id, job.Fingerprint, job.Error ?? "the stored submission cannot be read", null);
            return;
        }
        if (stop.IsCancellationRequested)
        {
            // Claimed as the host began to stop: hand it back at once for another replica.
            if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Queued, Time.GetUtcNow(), HandedBack), CancellationToken.None)
                .ConfigureAwait(false) is not null)
            {
                Logger.Requeued(job.Id, job.Fingerprint, HandedBack);
            }
            return;
        }
        var run = new RunningJob(job.Id, job.Fingerprint);
        Running[job.Id] = run;
        // Its first renewal is at once: a cancel asked between the claim and now is seen.
        var keeper = Task.Run(() => leases.KeepAsync(run), CancellationToken.None);
        try
        {
            await Runner.ExecuteStoredAsync(run, submission).ConfigureAwait(false);
        }
        finally
        {
            Running.TryRemove(job.Id, out _);
            run.Finish();
            await keeper.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Jobs RUNNING under a lease that has run out (their replica died or lost the database):
    /// back to QUEUED, or FAILED by <see cref="JobCoordinator.RecoveryFailure"/>, each only if its
    /// lease is still out when changed, so a replica that renews in the meantime keeps its job.
    /// </summary>
    private async Task<(int Requeued, int Failed)> RecoverExpiredAsync(bool atStartUp, CancellationToken cancel)
    {
        var (requeued, failed) = (0, 0);
        foreach (var (job, attempts) in await shared.GetExpiredAsync(cancel).ConfigureAwait(false))
        {
            var now = Time.GetUtcNow();
            var reason = RecoveryFailure("the replica running the job stopped renewing its lease", attempts);
            if (reason is null)
            {
                var message = atStartUp ? "re-queued after host restart" : "re-queued: the replica running it stopped renewing its lease";
                if (await shared.TransitionExpiredAsync(job.Id, new JobTransition(JobState.Queued, now, message), cancel).ConfigureAwait(false) is not null)
                {
                    Logger.Requeued(job.Id, job.Fingerprint, message);
                    signals.Pulse(job.Id);
                    requeued++;
                }
            }
            else if (await shared.TransitionExpiredAsync(job.Id, new JobTransition(JobState.Failed, now, $"failed: {reason}", Error: reason), cancel)
                .ConfigureAwait(false) is not null)
            {
                Logger.LeaseExpiredFailed(job.Id, job.Fingerprint, reason);
                signals.Pulse(job.Id);
                failed++;
            }
        }
        if (requeued > 0)
        {
            WakeWorkers();
        }
        return (requeued, failed);
    }

    private async Task SweepLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SweepEvery, Time, stop).ConfigureAwait(false);
                await RecoverExpiredAsync(atStartUp: false, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.SweepFailed(e);
            }
        }
    }
}

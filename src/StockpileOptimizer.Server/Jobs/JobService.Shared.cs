namespace StockpileOptimizer.Server.Jobs;

// Several replicas on one shared store (PostgreSQL). The store is the only truth they share:
// - workers claim the oldest QUEUED job (FOR UPDATE SKIP LOCKED) under a lease in the database's
//   clock, which a lease keeper renews every third of the lease while the job runs;
// - a replica that dies stops renewing; any live one re-queues its jobs once the lease has run out
//   (or fails them, by the same rules as start-up recovery), and start-up touches only such jobs;
// - a cancel of a job running elsewhere sets cancel_requested; the owner sees it at its next
//   renewal, and at once through the notice the store sends with it;
// - every stored event is NOTIFYed; one LISTEN connection per replica wakes idle workers (a job
//   was queued) and watches (the job changed), which then read the store. Workers and watches
//   also look every Jobs:PollSeconds, in case a notice was lost with a connection.
// A replica that cannot renew stops the job itself before its lease can run out, and the store
// refuses events and outcomes from an owner that no longer holds the job, so a job never has two
// runs storing results, and at most a renewal interval of overlap if a replica is cut off.
// Claims, leases and recovery are here; notices, cross-replica cancels and watches in
// JobService.Notices.cs.
internal sealed partial class JobService
{
    /// <summary>The message of a job a stopping replica puts back in the shared queue, for the others.</summary>
    private const string HandedBack = "re-queued: the host is shutting down; another replica runs it";

    private readonly ISharedJobStore? shared;
    private readonly JobReplicaOptions replica;
    private readonly JobSignals signals = new();
    private WakeUp[] workerWakeUps = [];

    /// <summary>This service's owner string in a shared store (unused with one host).</summary>
    internal string Owner { get; }

    /// <summary>Renewals per lease: a renewal may fail once and the next still lands in time.</summary>
    private TimeSpan RenewEvery => replica.Lease / 3;

    /// <summary>A dead replica's jobs are re-queued within about 1.5 leases.</summary>
    private TimeSpan SweepEvery => replica.Lease / 2;

    /// <summary>Listens, recovers the jobs of dead replicas, and starts the workers, the listener and the sweep; returns them as one task.</summary>
    private async Task<Task> StartSharedAsync(CancellationToken cancellationToken)
    {
        var listener = await TryListenAsync(cancellationToken).ConfigureAwait(false);
        var (requeued, failed) = await RecoverExpiredAsync(atStartUp: true, cancellationToken).ConfigureAwait(false);
        var wakeUps = Enumerable.Range(0, Limits.ConcurrentSolves).Select(_ => new WakeUp()).ToArray();
        Volatile.Write(ref workerWakeUps, wakeUps);
        var stop = stopping.Token;
        var loops = wakeUps
            .Select((wake, i) => Task.Run(() => WorkSharedAsync(i + 1, wake, stop), CancellationToken.None))
            .Append(Task.Run(() => ListenLoopAsync(listener, stop), CancellationToken.None))
            .Append(Task.Run(() => SweepLoopAsync(stop), CancellationToken.None))
            .ToList();
        logger.StartedShared(store.Location, Owner, replica.LeaseSeconds, requeued, failed, Limits.ConcurrentSolves, Limits.ThreadsPerSolve);
        return Task.WhenAll(loops);
    }

    private void WakeWorkers()
    {
        foreach (var wake in Volatile.Read(ref workerWakeUps))
        {
            wake.Set();
        }
    }

    /// <summary>One worker: claims the oldest queued job of any replica, runs it, and claims again; idle, it waits for a notice or the poll.</summary>
    private async Task WorkSharedAsync(int worker, WakeUp wake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            ClaimedJob? claimed = null;
            try
            {
                // Not cancelled by the stop: a claim that commits is then surely seen (and handed back below).
                claimed = await shared!.ClaimNextAsync(Owner, replica.Lease, time.GetUtcNow(), DescribeClaimed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.ClaimFailed(worker, e);
            }
            if (claimed is null)
            {
                try
                {
                    await wake.WaitAsync(replica.Poll, time, stop).ConfigureAwait(false);
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
                logger.WorkerCrashed(worker, e);
            }
        }
    }

    /// <summary>The claim's RUNNING message. It runs inside the claim's transaction: a failure here must not block the queue.</summary>
    private string DescribeClaimed(JobSubmission submission)
    {
        try
        {
            return Describe(submission);
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
            logger.Failed(job.Id, job.Fingerprint, job.Error ?? "the stored submission cannot be read", null);
            return;
        }
        if (stop.IsCancellationRequested)
        {
            // Claimed as the host began to stop: hand it back at once for another replica.
            if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Queued, time.GetUtcNow(), HandedBack), CancellationToken.None)
                .ConfigureAwait(false) is not null)
            {
                logger.Requeued(job.Id, job.Fingerprint, HandedBack);
            }
            return;
        }
        var run = new RunningJob(job.Id, job.Fingerprint);
        running[job.Id] = run;
        // Its first renewal is at once: a cancel asked between the claim and now is seen.
        var keeper = Task.Run(() => KeepLeaseAsync(run), CancellationToken.None);
        try
        {
            await ExecuteAsync(run, submission).ConfigureAwait(false);
        }
        finally
        {
            running.TryRemove(job.Id, out _);
            run.Finish();
            await keeper.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Renews the lease on a running job until its outcome is stored: at once, every
    /// <see cref="RenewEvery"/>, and when a cancel notice pokes it. A cancel request stops the run
    /// (it stores CANCELLED with what it found). A lost lease, or renewals failing for so long that
    /// the lease would run out before the next one, stops it with nothing stored: another replica
    /// may have the job by then.
    /// </summary>
    private async Task KeepLeaseAsync(RunningJob run)
    {
        var heldSince = time.GetTimestamp();
        var cancelSeen = false;
        while (!run.Finished.IsCompleted)
        {
            var asked = time.GetTimestamp(); // the lease runs from after this
            LeaseStatus status;
            try
            {
                status = await shared!.RenewLeaseAsync(run.Id, Owner, replica.Lease, CancellationToken.None).ConfigureAwait(false);
                heldSince = asked;
            }
            catch (Exception e)
            {
                var lapses = time.GetElapsedTime(heldSince) + RenewEvery >= replica.Lease;
                logger.LeaseNotRenewed(run.Id, run.Fingerprint, lapses, e);
                status = lapses ? LeaseStatus.Lost : LeaseStatus.Held;
            }
            if (status == LeaseStatus.Lost)
            {
                if (!run.Finished.IsCompleted)
                {
                    logger.LeaseLost(run.Id, run.Fingerprint);
                    run.Stop(StopReason.Lost);
                }
                return;
            }
            if (status == LeaseStatus.CancelRequested && !cancelSeen)
            {
                cancelSeen = true;
                logger.CancelRequested(run.Id, JobState.Running, run.Fingerprint);
                run.Stop(StopReason.Cancelled);
            }
            await Task.WhenAny(run.Renewal.WaitAsync(RenewEvery, time, CancellationToken.None), run.Finished).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Jobs RUNNING under a lease that has run out (their replica died or lost the database):
    /// back to QUEUED, or FAILED by <see cref="RecoveryFailure"/>, each only if its lease is
    /// still out when changed, so a replica that renews in the meantime keeps its job.
    /// </summary>
    private async Task<(int Requeued, int Failed)> RecoverExpiredAsync(bool atStartUp, CancellationToken cancel)
    {
        var (requeued, failed) = (0, 0);
        foreach (var (job, attempts) in await shared!.GetExpiredAsync(cancel).ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            var reason = RecoveryFailure("the replica running the job stopped renewing its lease", attempts);
            if (reason is null)
            {
                var message = atStartUp ? "re-queued after host restart" : "re-queued: the replica running it stopped renewing its lease";
                if (await shared.TransitionExpiredAsync(job.Id, new JobTransition(JobState.Queued, now, message), cancel).ConfigureAwait(false) is not null)
                {
                    logger.Requeued(job.Id, job.Fingerprint, message);
                    signals.Pulse(job.Id);
                    requeued++;
                }
            }
            else if (await shared.TransitionExpiredAsync(job.Id, new JobTransition(JobState.Failed, now, $"failed: {reason}", Error: reason), cancel)
                .ConfigureAwait(false) is not null)
            {
                logger.LeaseExpiredFailed(job.Id, job.Fingerprint, reason);
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
                await Task.Delay(SweepEvery, time, stop).ConfigureAwait(false);
                await RecoverExpiredAsync(atStartUp: false, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.SweepFailed(e);
            }
        }
    }

    /// <summary>
    /// A state change in a shared store. Out of RUNNING this service moves only jobs it runs
    /// itself (recovery has its own path), so those changes are made under its ownership: a
    /// replica that lost the job stores nothing over another's run.
    /// </summary>
    private async Task<JobSnapshot?> TransitionSharedAsync(string id, JobState from, JobTransition change, CancellationToken cancel)
    {
        var done = from == JobState.Running
            ? await shared!.TransitionOwnedAsync(id, Owner, change, cancel).ConfigureAwait(false)
            : await shared!.TransitionAsync(id, from, change, cancel).ConfigureAwait(false);
        if (done is null)
        {
            if (from == JobState.Running)
            {
                logger.NotOwned(id, change.To);
            }
            return null;
        }
        signals.Pulse(id);
        return done.Value.Job;
    }

    /// <summary>Progress of a job this service runs, stored only while it holds the job.</summary>
    private async Task AppendSharedAsync(string id, IReadOnlyList<JobEventDraft> drafts)
    {
        if ((await shared!.AppendEventsAsync(id, Owner, drafts, CancellationToken.None).ConfigureAwait(false)).Count > 0)
        {
            signals.Pulse(id);
        }
    }
}

using System.Runtime.CompilerServices;

namespace StockpileOptimizer.Server.Jobs;

// Over a shared store: the one LISTEN connection of this replica and what it wakes (workers,
// watches, lease keepers), and the cancels and watches of jobs that another replica runs.
internal sealed partial class JobService
{
    private async Task<IJobEventListener?> TryListenAsync(CancellationToken cancel)
    {
        try
        {
            return await shared!.ListenAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ListenerLost(replica.PollSeconds, e);
            return null;
        }
    }

    /// <summary>Hands notices on as wake-ups; when the connection drops, listens again (everyone re-reads: notices may have been lost).</summary>
    private async Task ListenLoopAsync(IJobEventListener? listener, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (listener is null)
                {
                    await Task.Delay(replica.Poll, time, stop).ConfigureAwait(false);
                    listener = await TryListenAsync(stop).ConfigureAwait(false);
                    if (listener is null)
                    {
                        continue;
                    }
                    signals.PulseAll();
                    WakeWorkers();
                }
                try
                {
                    await foreach (var notice in listener.ReadAllAsync(stop).ConfigureAwait(false))
                    {
                        Dispatch(notice);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.ListenerLost(replica.PollSeconds, e);
                }
                finally
                {
                    await listener.DisposeAsync().ConfigureAwait(false);
                    listener = null;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Dispatch(JobEventNotice notice)
    {
        if (notice.CancelRequested)
        {
            if (running.TryGetValue(notice.JobId, out var run))
            {
                run.Renewal.Set(); // the renewal answers "cancel requested"
            }
            return;
        }
        signals.Pulse(notice.JobId);
        if (notice.State == JobState.Queued)
        {
            WakeWorkers();
        }
    }

    /// <summary>
    /// Cancels a job RUNNING on another replica: asks its owner and waits (up to the cancel wait)
    /// for the outcome it stores. A job whose lease has run out has no owner to ask: it is
    /// cancelled here. Null when the job left RUNNING meanwhile (the caller looks again).
    /// </summary>
    private async Task<JobSnapshot?> CancelElsewhereAsync(JobSnapshot job, CancellationToken cancel)
    {
        using var changes = signals.Subscribe(job.Id);
        if ((await shared!.GetExpiredAsync(cancel).ConfigureAwait(false)).Any(j => j.Job.Id == job.Id))
        {
            logger.CancelRequested(job.Id, job.State, job.Fingerprint);
            var change = new JobTransition(JobState.Cancelled, time.GetUtcNow(), "cancelled; the replica running it had stopped renewing its lease");
            var done = await shared.TransitionExpiredAsync(job.Id, change, cancel).ConfigureAwait(false);
            return done?.Job;
        }
        if (!await shared.RequestCancelAsync(job.Id, cancel).ConfigureAwait(false))
        {
            return null;
        }
        logger.CancelRequested(job.Id, job.State, job.Fingerprint);
        var asked = time.GetTimestamp();
        while (true)
        {
            var now = await store.GetAsync(job.Id, cancel).ConfigureAwait(false);
            if (now is null || now.State.IsTerminal())
            {
                return now;
            }
            if (now.State == JobState.Queued)
            {
                return null; // its owner stopped and handed it back first: cancel it as queued
            }
            var left = CancelWait - time.GetElapsedTime(asked);
            if (left <= TimeSpan.Zero || changes.Closed)
            {
                return now; // still extracting the plan; the caller sees RUNNING and the watch reports the end
            }
            await changes.WakeUp.WaitAsync(left < replica.Poll ? left : replica.Poll, time, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A watch over a shared store: the events may be stored by any replica, so each wake-up (a
    /// notice, this replica's own change, or the poll) reads the store after the last one seen.
    /// </summary>
    private async IAsyncEnumerable<JobEvent> WatchSharedAsync(string id, long afterSequence, [EnumeratorCancellation] CancellationToken cancel)
    {
        // Subscribed before the first read: a change stored after that read surely wakes us.
        using var changes = signals.Subscribe(id);
        var last = afterSequence;
        while (true)
        {
            // The job before its events: a terminal job's terminal event is then among them, unless already seen.
            var job = await store.GetAsync(id, cancel).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
            foreach (var e in await store.GetEventsAsync(id, last, cancel).ConfigureAwait(false))
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
            await changes.WakeUp.WaitAsync(replica.Poll, time, cancel).ConfigureAwait(false);
        }
    }
}

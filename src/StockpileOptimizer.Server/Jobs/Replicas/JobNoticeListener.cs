using System.Collections.Concurrent;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The one LISTEN connection of a replica and what its notices wake: idle workers (a job was
/// queued), watches and cancels (the job changed) and lease keepers (a cancel was asked). When
/// the connection drops it listens again, every <see cref="JobReplicaOptions.Poll"/>, and wakes
/// everyone (notices may have been lost).
/// </summary>
internal sealed class JobNoticeListener(
    ISharedJobStore shared, JobSignals signals, ConcurrentDictionary<string, RunningJob> running, Action wakeWorkers,
    JobReplicaOptions replica, TimeProvider time, ILogger logger)
{
    public async Task<IJobEventListener?> TryListenAsync(CancellationToken cancel)
    {
        try
        {
            return await shared.ListenAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ListenerLost(replica.Poll.TotalSeconds, e);
            return null;
        }
    }

    /// <summary>Hands notices on as wake-ups until <paramref name="stop"/>; starts from <paramref name="listener"/> (null: not listening yet).</summary>
    public async Task RunAsync(IJobEventListener? listener, CancellationToken stop)
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
                    wakeWorkers();
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
                    logger.ListenerLost(replica.Poll.TotalSeconds, e);
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
            wakeWorkers();
        }
    }
}

using System.Runtime.InteropServices;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Subscriptions by job id, safe across threads: the registry under <see cref="JobEventHub"/>
/// (live events) and <see cref="JobSignals"/> (wake-ups). Once closed (the service is stopping),
/// every subscription is closed, and so are later ones at once.
/// </summary>
internal sealed class JobSubscriptions<T>(Action<T> close) where T : class
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<T>> byJob = [];
    private bool closed;

    public T Add(string jobId, T subscription)
    {
        lock (gate)
        {
            if (closed)
            {
                close(subscription);
            }
            else
            {
                (CollectionsMarshal.GetValueRefOrAddDefault(byJob, jobId, out _) ??= []).Add(subscription);
            }
        }
        return subscription;
    }

    /// <summary>Runs <paramref name="action"/> on each subscription of the job, under the lock (so in call order per job).</summary>
    public void ForJob(string jobId, Action<T> action)
    {
        lock (gate)
        {
            if (byJob.TryGetValue(jobId, out var subscriptions))
            {
                foreach (var subscription in subscriptions)
                {
                    action(subscription);
                }
            }
        }
    }

    public void ForAll(Action<T> action)
    {
        lock (gate)
        {
            foreach (var subscription in byJob.Values.SelectMany(s => s))
            {
                action(subscription);
            }
        }
    }

    public void Close()
    {
        lock (gate)
        {
            closed = true;
            foreach (var subscription in byJob.Values.SelectMany(s => s))
            {
                close(subscription);
            }
            byJob.Clear();
        }
    }

    public void Remove(string jobId, T subscription)
    {
        lock (gate)
        {
            if (byJob.TryGetValue(jobId, out var subscriptions) && subscriptions.Remove(subscription) && subscriptions.Count == 0)
            {
                byJob.Remove(jobId);
            }
        }
    }
}

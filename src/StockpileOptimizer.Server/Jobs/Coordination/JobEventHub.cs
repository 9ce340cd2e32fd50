using System.Threading.Channels;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Live events per job, fanned out to watchers after they are stored. Publishing never
/// blocks: a watcher that falls <see cref="Capacity"/> events behind is cut off
/// (<see cref="Subscription.Overflowed"/>) and catches up from the store instead.
/// </summary>
internal sealed class JobEventHub
{
    public const int Capacity = 1024;

    private readonly JobSubscriptions<Subscription> subscriptions = new(s => s.Close());

    public Subscription Subscribe(string jobId) => subscriptions.Add(jobId, new Subscription(this, jobId));

    /// <summary>Call in sequence order per job (the service publishes under its store lock).</summary>
    public void Publish(JobEvent e) => subscriptions.ForJob(e.JobId, subscription => subscription.Offer(e));

    /// <summary>Ends every live watch (the service is stopping); later subscriptions end at once.</summary>
    public void Close() => subscriptions.Close();

    private void Remove(Subscription subscription) => subscriptions.Remove(subscription.JobId, subscription);

    internal sealed class Subscription(JobEventHub hub, string jobId) : IDisposable
    {
        private readonly Channel<JobEvent> channel = Channel.CreateBounded<JobEvent>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

        public string JobId { get; } = jobId;
        public ChannelReader<JobEvent> Reader => channel.Reader;

        /// <summary>The watcher fell behind and missed events: it must re-read them from the store.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>The hub was closed: no more live events will come.</summary>
        public bool Closed { get; private set; }

        public void Offer(JobEvent e)
        {
            if (!channel.Writer.TryWrite(e) && !Closed)
            {
                Overflowed = true;
                channel.Writer.TryComplete();
            }
        }

        public void Close()
        {
            Closed = true;
            channel.Writer.TryComplete();
        }

        public void Dispose() => hub.Remove(this);
    }
}

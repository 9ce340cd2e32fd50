namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Wake-ups per job, for watches and cancels over a shared store: "something about this job
/// changed, read the store again". Unlike <see cref="JobEventHub"/> they carry no events, since
/// the events may have been stored by another replica.
/// </summary>
internal sealed class JobSignals
{
    private readonly JobSubscriptions<Subscription> subscriptions = new(s => s.Close());

    /// <summary>Wakes on every change of the job from now on; closed at once when the service has stopped.</summary>
    public Subscription Subscribe(string jobId) => subscriptions.Add(jobId, new Subscription(this, jobId));

    public void Pulse(string jobId) => subscriptions.ForJob(jobId, subscription => subscription.WakeUp.Set());

    /// <summary>Wakes everyone: notices may have been lost (the listening connection dropped).</summary>
    public void PulseAll() => subscriptions.ForAll(subscription => subscription.WakeUp.Set());

    /// <summary>Ends every wait (the service is stopping); later subscriptions are closed at once.</summary>
    public void Close() => subscriptions.Close();

    private void Remove(Subscription subscription) => subscriptions.Remove(subscription.JobId, subscription);

    internal sealed class Subscription(JobSignals signals, string jobId) : IDisposable
    {
        private volatile bool closed;

        public string JobId { get; } = jobId;
        public WakeUp WakeUp { get; } = new();

        /// <summary>The service stopped: no more wake-ups will come.</summary>
        public bool Closed => closed;

        public void Close()
        {
            closed = true;
            WakeUp.Set();
        }

        public void Dispose() => signals.Remove(this);
    }
}

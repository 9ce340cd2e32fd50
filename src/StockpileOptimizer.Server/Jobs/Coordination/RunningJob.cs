namespace StockpileOptimizer.Server.Jobs;

/// <summary>A job a worker is running: its cancellation and why it was stopped.</summary>
internal sealed class RunningJob(string id, string fingerprint)
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reason;

    public string Id { get; } = id;
    public string Fingerprint { get; } = fingerprint;
    public CancellationToken Token => cancellation.Token;
    public StopReason Reason => (StopReason)Volatile.Read(ref reason);

    /// <summary>Completes when the worker has stored the job's outcome.</summary>
    public Task Finished => finished.Task;

    /// <summary>A shared store: makes the lease keeper renew now (a cancel was asked on another replica).</summary>
    public WakeUp Renewal { get; } = new();

    /// <summary>
    /// Interrupts the solve. A caller's cancel overrides a shutdown (the caller wants it gone,
    /// not re-run); a shutdown does not override a caller's cancel. A lost lease overrides both
    /// (the job is not ours to store anything for) and nothing overrides it.
    /// </summary>
    public void Stop(StopReason why)
    {
        switch (why)
        {
            case StopReason.Lost:
                Volatile.Write(ref reason, (int)why);
                break;
            case StopReason.Cancelled:
                int seen;
                do
                {
                    seen = Volatile.Read(ref reason);
                }
                while (seen != (int)StopReason.Lost && Interlocked.CompareExchange(ref reason, (int)why, seen) != seen);
                break;
            default:
                Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None);
                break;
        }
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public void Finish()
    {
        finished.TrySetResult();
        cancellation.Dispose();
    }
}

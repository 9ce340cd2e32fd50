namespace StockpileOptimizer.Server.Jobs;

internal enum StopReason
{
    None,
    /// <summary>A caller cancelled the job: it ends CANCELLED.</summary>
    Cancelled,
    /// <summary>The host is stopping: the job goes back to QUEUED.</summary>
    Shutdown,
}

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

    /// <summary>
    /// Interrupts the solve. A caller's cancel overrides a shutdown (the caller wants it gone,
    /// not re-run); a shutdown does not override a caller's cancel.
    /// </summary>
    public void Stop(StopReason why)
    {
        if (why == StopReason.Cancelled)
        {
            Volatile.Write(ref reason, (int)why);
        }
        else
        {
            Interlocked.CompareExchange(ref reason, (int)why, (int)StopReason.None);
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

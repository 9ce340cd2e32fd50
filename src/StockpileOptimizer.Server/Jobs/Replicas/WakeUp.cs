namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// One waiter's wake-up: <see cref="Set"/> any number of times; <see cref="WaitAsync"/> returns
/// at the first Set since it last returned, or at the timeout. A Set that lands while a wait is
/// returning may be merged into it: the waiter reads the store after the wait returns, so it sees
/// what that Set announced anyway.
/// </summary>
internal sealed class WakeUp
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref signal).TrySetResult();

    /// <summary>True when woken, false at the timeout.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancel)
    {
        var current = Volatile.Read(ref signal);
        try
        {
            await current.Task.WaitAsync(timeout, time, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        Interlocked.CompareExchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        return true;
    }
}

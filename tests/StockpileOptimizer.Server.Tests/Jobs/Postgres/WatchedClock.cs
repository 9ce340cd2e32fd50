using Microsoft.Extensions.Time.Testing;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// A fake clock that also tells when a timer is set on it (a lease keeper waiting for its next
/// renewal, a sweep waiting for its next round), so that a test moves time only once the waiter
/// it means to wake is waiting: every wait is on an event, none on the machine's clock.
/// </summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly Lock gate = new();
    private readonly List<(TimeSpan Due, TaskCompletionSource Set)> waiters = [];
    private readonly Dictionary<TimeSpan, int> set = [];

    public WatchedClock()
        : this(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/> (the machine's now, to share leases with replicas on the system clock).</summary>
    public WatchedClock(DateTimeOffset start)
        : base(start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        dueTime = Whole(dueTime);
        lock (gate)
        {
            set[dueTime] = set.GetValueOrDefault(dueTime) + 1;
            foreach (var waiter in waiters.Where(w => w.Due == dueTime).ToList())
            {
                waiters.Remove(waiter);
                waiter.Set.TrySetResult();
            }
        }
        return timer;
    }

    /// <summary>How many timers of <paramref name="dueTime"/> have been set so far.</summary>
    public int TimersSet(TimeSpan dueTime)
    {
        dueTime = Whole(dueTime);
        lock (gate)
        {
            return set.GetValueOrDefault(dueTime);
        }
    }

    /// <summary>Waits (up to 30 s) until more than <paramref name="before"/> timers of <paramref name="dueTime"/> have been set.</summary>
    public async Task TimerSetAsync(TimeSpan dueTime, int before)
    {
        dueTime = Whole(dueTime);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (set.GetValueOrDefault(dueTime) > before)
                {
                    return;
                }
                var waiter = (dueTime, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                waiters.Add(waiter);
                next = waiter.Item2.Task;
            }
            await next.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Timeouts reach timers in whole milliseconds (Task.WaitAsync and Task.Delay truncate them).</summary>
    private static TimeSpan Whole(TimeSpan dueTime) => TimeSpan.FromMilliseconds(Math.Floor(dueTime.TotalMilliseconds));
}

using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Jobs;

public sealed class JobEventHubTests
{
    private static JobEvent Event(string job, long sequence) =>
        new(job, sequence, DateTimeOffset.UnixEpoch, JobEventKind.Log, null, null, null, null, $"line {sequence}");

    [Fact]
    public void A_watcher_gets_its_jobs_events_in_order_and_no_one_elses()
    {
        var hub = new JobEventHub();
        using var a = hub.Subscribe("a");

        hub.Publish(Event("a", 1));
        hub.Publish(Event("b", 1));
        hub.Publish(Event("a", 2));

        var received = new List<long>();
        while (a.Reader.TryRead(out var e))
        {
            received.Add(e.Sequence);
        }

        Assert.Equal([1L, 2], received);
    }

    [Fact]
    public void A_watcher_that_falls_behind_is_cut_off_rather_than_blocking_the_solver()
    {
        var hub = new JobEventHub();
        using var slow = hub.Subscribe("a");

        for (var i = 1; i <= JobEventHub.Capacity + 10; i++)
        {
            hub.Publish(Event("a", i));
        }

        Assert.True(slow.Overflowed);
        Assert.False(slow.Closed);
        Assert.Equal(JobEventHub.Capacity, slow.Reader.Count);
    }

    [Fact]
    public void Closing_ends_every_watch_and_every_later_one()
    {
        var hub = new JobEventHub();
        using var before = hub.Subscribe("a");

        hub.Close();
        using var after = hub.Subscribe("a");

        Assert.True(before.Closed && after.Closed);
        Assert.True(before.Reader.Completion.IsCompleted && after.Reader.Completion.IsCompleted);
    }
}

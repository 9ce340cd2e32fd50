using Grpc.Core;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class JobTests
{
    /// <summary>
    /// Start → watch → SUCCEEDED, events numbered 1, 2, 3, … A watcher that drops after a few
    /// events and reconnects with the last number it saw gets the rest: no gap, no repeat,
    /// the same events as an unbroken watch.
    /// </summary>
    [Fact]
    public async Task A_watched_job_succeeds_with_consecutive_events_and_a_reconnect_resumes_exactly()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Medium()));
        Assert.StartsWith("jobs/", job.Name, StringComparison.Ordinal);
        Assert.Equal("solve", job.Kind);

        var first = await Jobs.WatchUntil(client, job.Name, e => e.Sequence >= 3);
        var rest = await Jobs.WatchToEnd(client, job.Name, after: first[^1].Sequence);
        var whole = await Jobs.WatchToEnd(client, job.Name);

        var resumed = first.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, resumed.Count).Select(i => (long)i), resumed.Select(e => e.Sequence));
        Assert.Equal(whole, resumed);
        Assert.All(whole, e => Assert.Equal(job.Name, e.Job));
        var states = whole.Where(e => e.Kind == V1.JobEventKind.StateChange).Select(e => e.State).ToList();
        Assert.Equal([V1.JobState.Queued, V1.JobState.Running, V1.JobState.Succeeded], states.Distinct());
        Assert.Equal(V1.JobState.Succeeded, whole[^1].State);
        Assert.Contains(whole, e => e.Kind == V1.JobEventKind.Incumbent && e.ObjectiveUsd is not null);

        var done = await client.GetJobAsync(new V1.GetJobRequest { Name = job.Name });
        Assert.Equal(V1.JobState.Succeeded, done.State);
        Assert.Equal(whole[^1].Sequence, done.LastSequence);
        Assert.NotNull(done.StartTime);
        Assert.NotNull(done.EndTime);
        Assert.Equal(V1.Termination.Optimal, done.Result.Solver.Termination);
        Assert.Equal(InstanceJson.Fingerprint(TestInstances.Medium()), done.Result.Fingerprint);
        Assert.Empty(await Jobs.WatchToEnd(client, job.Name, after: done.LastSequence));
    }

    [Fact]
    public async Task The_same_request_id_twice_makes_one_job()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var id = Guid.NewGuid().ToString();

        var first = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), requestId: id));
        var second = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), requestId: id));
        var other = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), requestId: Guid.NewGuid().ToString()));

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(id, second.RequestId);
        Assert.NotEqual(first.Name, other.Name);
        var all = await client.ListJobsAsync(new V1.ListJobsRequest());
        Assert.Equal(2, all.Jobs.Count);
    }

    /// <summary>
    /// A real solve interrupted mid-search: the huge instance (it cannot end on its own while a
    /// test runs, see TestInstances.Huge), cancelled once running. The job ends CANCELLED,
    /// promptly, with its best plan so far and its gap, or a result that says there was none.
    /// </summary>
    [Fact]
    public async Task Cancelling_a_long_solve_ends_it_cancelled_with_the_best_plan_so_far()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Huge(), TimeSpan.FromSeconds(120)));
        // Cancelled once its running event is out: waiting on the event, not on the clock.
        await Jobs.WatchUntilRunning(client, job.Name);

        await client.CancelJobAsync(new V1.CancelJobRequest { Name = job.Name });
        // Promptly: the watch has its deadline (Jobs.Patience), half the solve's 120 s limit.
        var events = await Jobs.WatchToEnd(client, job.Name);

        Assert.Equal(V1.JobState.Cancelled, events[^1].State);
        var done = await client.GetJobAsync(new V1.GetJobRequest { Name = job.Name });
        Assert.Equal(V1.JobState.Cancelled, done.State);
        var result = done.Result;
        Assert.NotNull(result);
        Assert.Equal(V1.Termination.Cancelled, result.Solver.Termination);
        if (result.Policy is null)
        {
            Assert.Contains("no incumbent yet", result.Solver.Message, StringComparison.Ordinal);
        }
        else
        {
            // A plan found before any bound (cancelled early in the root) has no gap to report.
            Assert.True(result.Solver.BestBoundUsd is null ? result.Solver.Gap is null : result.Solver.Gap >= 0,
                $"bound {result.Solver.BestBoundUsd}, gap {result.Solver.Gap}");
            Assert.NotEmpty(result.Policy.Stockpiles);
            Assert.NotEmpty(result.Scenarios);
        }
        // Cancelling again is harmless and returns the finished job unchanged.
        var again = await client.CancelJobAsync(new V1.CancelJobRequest { Name = job.Name });
        Assert.Equal(done.LastSequence, again.LastSequence);
    }

    [Fact]
    public async Task Jobs_list_newest_first_page_by_page_and_by_state()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny() with { Name = $"tiny {i}" }));
            await Jobs.WatchToEnd(client, job.Name);
            names.Add(job.Name);
        }

        var page1 = await client.ListJobsAsync(new V1.ListJobsRequest { PageSize = 2 });
        var page2 = await client.ListJobsAsync(new V1.ListJobsRequest { PageSize = 2, PageToken = page1.NextPageToken });
        var succeeded = await client.ListJobsAsync(new V1.ListJobsRequest { State = V1.JobState.Succeeded });
        var running = await client.ListJobsAsync(new V1.ListJobsRequest { State = V1.JobState.Running });

        Assert.Equal(Enumerable.Reverse(names), page1.Jobs.Concat(page2.Jobs).Select(j => j.Name));
        Assert.NotEmpty(page1.NextPageToken);
        Assert.Empty(page2.NextPageToken);
        Assert.All(page1.Jobs, j => Assert.Null(j.Result));
        Assert.Equal(3, succeeded.Jobs.Count);
        Assert.Empty(running.Jobs);
    }

    /// <summary>A unary Solve is a job too: it shows in the list with its result.</summary>
    [Fact]
    public async Task A_unary_solve_answers_with_the_result_and_leaves_a_job()
    {
        await using var host = new StockpileHost();
        var client = host.Client;

        var result = await client.SolveAsync(new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Tiny()).Instance },
            StockpileHost.Deadline(Jobs.Patience));

        Assert.Equal(V1.Termination.Optimal, result.Solver.Termination);
        var job = Assert.Single((await client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
        Assert.Equal(V1.JobState.Succeeded, job.State);
        Assert.Equal(result.Fingerprint, job.Fingerprint);
    }
}

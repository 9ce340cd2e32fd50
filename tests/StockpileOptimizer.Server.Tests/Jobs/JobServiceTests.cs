using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs;

/// <summary>The job service over the real store and the real engine: tiny solves, and a long one that is cancelled.</summary>
public sealed class JobServiceTests
{
    private static bool IsState(JobEvent e, JobState state) => e.Kind == JobEventKind.State && e.State == state;

    [Fact]
    public async Task A_submitted_solve_runs_to_succeeded_with_numbered_events_and_a_stored_result()
    {
        await using var jobs = await JobHarness.StartedAsync();
        var (job, created) = await jobs.SubmitAsync(JobInstances.Newsvendor());

        var events = await jobs.WatchAsync(job.Id);

        Assert.True(created);
        Assert.Equal(InstanceJson.Fingerprint(JobInstances.Newsvendor()), job.Fingerprint);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(
            [JobState.Queued, JobState.Running, JobState.Succeeded],
            events.Where(e => e.Kind == JobEventKind.State).Select(e => e.State!.Value));
        Assert.True(IsState(events[0], JobState.Queued));
        Assert.True(IsState(events[1], JobState.Running));
        Assert.Contains("time limit 60 s (the server's default), 1 solver thread", events[1].Message);
        Assert.True(IsState(events[^1], JobState.Succeeded));
        Assert.Contains(events, e => e.Kind == JobEventKind.Log && e.Message.StartsWith("building the model", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == JobEventKind.Incumbent && e.Objective is not null);
        // The newsvendor's optimum (see JobInstances): 720 USD, on the terminal event and in the result.
        Assert.Equal(720, events[^1].Objective!.Value, 6);

        var final = await jobs.Service.GetAsync(job.Id, CancellationToken.None);
        var result = await jobs.Service.GetResultAsync(job.Id, CancellationToken.None);
        Assert.Equal(JobState.Succeeded, final!.State);
        Assert.Equal(events[^1].Sequence, final.LastSequence);
        Assert.True(final.StartedAt >= final.CreatedAt && final.FinishedAt >= final.StartedAt);
        Assert.Equal(Termination.Optimal, result!.Solver.Termination);
        Assert.Equal(60, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(job.Fingerprint, result.Fingerprint);

        var queuedLog = jobs.Log.Entries.Single(e => e.Message.StartsWith($"Job {job.Id} queued", StringComparison.Ordinal));
        Assert.Equal((job.Id, job.Fingerprint), ((string)queuedLog.Fields["JobId"]!, (string)queuedLog.Fields["Fingerprint"]!));
    }

    [Fact]
    public async Task An_infeasible_instance_is_a_result_not_a_failure()
    {
        await using var jobs = await JobHarness.StartedAsync();
        // A coverage floor of 12 months (400 t) that a 10 t store cannot hold.
        var instance = JobInstances.Newsvendor() with
        {
            Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 10 }],
            Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };
        var (job, _) = await jobs.SubmitAsync(instance);

        var events = await jobs.WatchAsync(job.Id);
        var result = await jobs.Service.GetResultAsync(job.Id, CancellationToken.None);

        Assert.True(IsState(events[^1], JobState.Succeeded));
        Assert.Equal(Termination.Infeasible, result!.Solver.Termination);
        Assert.NotNull(result.Diagnosis);
    }

    /// <summary>(An invalid instance cannot reach the service: a submission holds a <see cref="ValidatedInstance"/>.)</summary>
    [Fact]
    public async Task An_analysis_kind_without_its_spec_is_refused_and_nothing_is_stored()
    {
        await using var jobs = JobHarness.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            jobs.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(JobInstances.Newsvendor()), new SolveOptions(), Kind: "frontier"), CancellationToken.None));

        Assert.Empty((await jobs.Service.ListAsync(null, 10, null, CancellationToken.None)).Jobs);
    }

    [Fact]
    public async Task The_same_request_id_twice_gives_one_job()
    {
        await using var jobs = JobHarness.Create();

        var (first, created) = await jobs.SubmitAsync(JobInstances.Newsvendor(), requestId: "retry-me");
        var (second, createdAgain) = await jobs.SubmitAsync(JobInstances.Newsvendor(), requestId: "retry-me");
        var (other, _) = await jobs.SubmitAsync(JobInstances.Newsvendor(), requestId: "another");

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, (await jobs.Service.ListAsync(null, 10, null, CancellationToken.None)).Jobs.Count);
    }

    [Fact]
    public async Task The_queue_refuses_a_job_beyond_its_capacity_while_the_worker_is_busy()
    {
        await using var jobs = await JobHarness.StartedAsync(o => o.QueueCapacity = 2);
        var (busy, _) = await jobs.SubmitAsync(JobInstances.Long());
        await jobs.WaitUntilRunningAsync(busy.Id);
        await jobs.SubmitAsync(JobInstances.Newsvendor("waiting-1"));
        await jobs.SubmitAsync(JobInstances.Newsvendor("waiting-2"));

        var full = await Assert.ThrowsAsync<QueueFullException>(() => jobs.SubmitAsync(JobInstances.Newsvendor("one-too-many")));

        Assert.Equal(2, full.Capacity);
        await jobs.Service.CancelAsync(busy.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_ends_it_without_running()
    {
        await using var jobs = JobHarness.Create();
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());

        var cancelled = await jobs.Service.CancelAsync(job.Id, CancellationToken.None);
        await jobs.Service.StartAsync(CancellationToken.None);
        var (later, _) = await jobs.SubmitAsync(JobInstances.Newsvendor("later"));
        await jobs.WatchAsync(later.Id); // the worker has passed the cancelled job by now

        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.Null(cancelled.StartedAt);
        var events = await jobs.WatchAsync(job.Id);
        Assert.Equal([(1L, JobState.Queued), (2L, JobState.Cancelled)], events.Select(e => (e.Sequence, e.State!.Value)));
        Assert.Null(await jobs.Service.GetResultAsync(job.Id, CancellationToken.None));
        Assert.Equal(cancelled, await jobs.Service.CancelAsync(job.Id, CancellationToken.None)); // a finished job is returned unchanged
        Assert.Null(await jobs.Service.CancelAsync("no-such-job", CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_a_running_solve_interrupts_it_and_keeps_what_it_found()
    {
        await using var jobs = await JobHarness.StartedAsync();
        var (job, _) = await jobs.SubmitAsync(JobInstances.Long(),
            options: new SolveOptions { TimeLimit = TimeSpan.FromSeconds(300), ProgressInterval = TimeSpan.FromMilliseconds(200) });
        await jobs.WatchAsync(job.Id, until: IsStillSolving);

        var cancelled = await jobs.Service.CancelAsync(job.Id, CancellationToken.None);
        var events = await jobs.WatchAsync(job.Id);
        var result = await jobs.Service.GetResultAsync(job.Id, CancellationToken.None);

        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.True(IsState(events[^1], JobState.Cancelled));
        // Interrupted: neither its 300 s limit nor the end of the search stopped it, the cancel did.
        Assert.Equal(Termination.Cancelled, result!.Solver.Termination);
        // Best-so-far plan with its gap (or, found before any bound, saying it has none), or a clear "no incumbent yet".
        Assert.True(result.Policy is not null
            ? double.IsFinite(result.Solver.Gap) || (double.IsNaN(result.Solver.Gap) && result.Solver.Message.Contains("no bound yet"))
            : result.Solver.Message.Contains("no incumbent yet"), result.Solver.Message);
        Assert.Contains(result.Solver.Message, events[^1].Message);
    }

    [Fact]
    public async Task Watching_again_after_sequence_k_yields_exactly_the_events_after_k()
    {
        await using var jobs = await JobHarness.StartedAsync();
        var (job, _) = await jobs.SubmitAsync(JobInstances.Long(), options: new SolveOptions { ProgressInterval = TimeSpan.FromMilliseconds(200) });

        // Disconnect after a few live events, reconnect from the last one seen, twice, then cancel.
        var first = await jobs.WatchAsync(job.Id, until: e => e.Sequence >= 3);
        var second = await jobs.WatchAsync(job.Id, after: first[^1].Sequence, until: IsStillSolving);
        await jobs.Service.CancelAsync(job.Id, CancellationToken.None);
        var rest = await jobs.WatchAsync(job.Id, after: second[^1].Sequence);

        var seen = first.Concat(second).Concat(rest).ToList();
        var stored = await jobs.WatchAsync(job.Id);
        Assert.Equal(stored, seen);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(e => e.Sequence));
        foreach (var k in new long[] { 0, 1, 2, stored.Count - 1, stored.Count, stored.Count + 5 })
        {
            Assert.Equal(stored.Where(e => e.Sequence > k), await jobs.WatchAsync(job.Id, after: k));
        }
    }

    [Fact]
    public async Task Watching_an_unknown_job_fails_and_watching_after_stop_ends_with_stopping()
    {
        await using var jobs = JobHarness.Create();
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());

        await Assert.ThrowsAsync<JobNotFoundException>(() => jobs.WatchAsync("no-such-job"));
        await jobs.Service.StopAsync(CancellationToken.None);
        await Assert.ThrowsAsync<JobServiceStoppingException>(() => jobs.WatchAsync(job.Id));
    }

    [Fact]
    public async Task A_job_left_running_by_a_dead_host_is_requeued_and_then_succeeds()
    {
        await using var jobs = JobHarness.Create();
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());
        await jobs.TakeAsIfByAHostThatDiesAsync(job.Id);

        await jobs.RestartAsync();
        var events = await jobs.WatchAsync(job.Id);

        Assert.Equal(
            [JobState.Queued, JobState.Running, JobState.Queued, JobState.Running, JobState.Succeeded],
            events.Where(e => e.Kind == JobEventKind.State).Select(e => e.State!.Value));
        Assert.Contains(events, e => IsState(e, JobState.Queued) && e.Message == "re-queued after host restart");
        Assert.NotNull(await jobs.Service.GetResultAsync(job.Id, CancellationToken.None));
    }

    [Fact]
    public async Task With_on_recovery_fail_a_job_left_running_fails_with_the_reason()
    {
        await using var jobs = JobHarness.Create(o => o.OnRecovery = RecoveryAction.Fail);
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());
        await jobs.TakeAsIfByAHostThatDiesAsync(job.Id);

        await jobs.RestartAsync();
        var failed = await jobs.Service.GetAsync(job.Id, CancellationToken.None);

        Assert.Equal(JobState.Failed, failed!.State);
        Assert.Contains("the host stopped while the job was running", failed.Error);
        Assert.True(IsState((await jobs.WatchAsync(job.Id))[^1], JobState.Failed));
    }

    [Fact]
    public async Task A_job_started_max_attempts_times_is_failed_rather_than_requeued_again()
    {
        await using var jobs = JobHarness.Create(o => o.MaxAttempts = 2);
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());
        await jobs.TakeAsIfByAHostThatDiesAsync(job.Id);
        await jobs.Store.TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Queued, DateTimeOffset.UtcNow, "re-queued"), CancellationToken.None);
        await jobs.TakeAsIfByAHostThatDiesAsync(job.Id);

        await jobs.RestartAsync();

        var failed = await jobs.Service.GetAsync(job.Id, CancellationToken.None);
        Assert.Equal(JobState.Failed, failed!.State);
        Assert.Contains("2 times", failed.Error);
    }

    [Fact]
    public async Task Stopping_puts_a_running_job_back_in_the_queue_and_the_next_start_runs_it()
    {
        await using var jobs = await JobHarness.StartedAsync(o => o.ShutdownGrace = TimeSpan.Zero);
        var (job, _) = await jobs.SubmitAsync(JobInstances.Long());
        await jobs.WaitUntilRunningAsync(job.Id);

        await jobs.Service.StopAsync(CancellationToken.None);
        var stopped = await jobs.Store.GetAsync(job.Id, CancellationToken.None);
        await jobs.RestartAsync();
        var events = await jobs.WatchAsync(job.Id, after: stopped!.LastSequence - 1, until: e => IsState(e, JobState.Running));
        await jobs.Service.CancelAsync(job.Id, CancellationToken.None);

        Assert.Equal(JobState.Queued, stopped.State);
        Assert.Null(stopped.StartedAt);
        Assert.Equal("re-queued: the host is shutting down; the solve starts again when it is back", events[0].Message);
        Assert.True(IsState(events[^1], JobState.Running));
    }

    [Fact]
    public async Task Stopping_lets_a_solve_that_ends_within_the_grace_period_finish()
    {
        await using var jobs = await JobHarness.StartedAsync(o => o.ShutdownGrace = TimeSpan.FromSeconds(10));
        var (job, _) = await jobs.SubmitAsync(JobInstances.Newsvendor());
        await jobs.WaitUntilRunningAsync(job.Id);

        await jobs.Service.StopAsync(CancellationToken.None);

        Assert.Equal(JobState.Succeeded, (await jobs.Store.GetAsync(job.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Lists_jobs_newest_first_with_paging_and_a_state_filter()
    {
        await using var jobs = JobHarness.Create();
        var ids = new List<string>();
        foreach (var i in Enumerable.Range(1, 5))
        {
            ids.Add((await jobs.SubmitAsync(JobInstances.Newsvendor($"n{i}"))).Job.Id);
        }
        await jobs.Service.CancelAsync(ids[1], CancellationToken.None);

        var page1 = await jobs.Service.ListAsync(JobState.Queued, 3, null, CancellationToken.None);
        var page2 = await jobs.Service.ListAsync(JobState.Queued, 3, page1.NextPageToken, CancellationToken.None);
        var everything = await jobs.Service.ListAsync(null, 0, null, CancellationToken.None);

        Assert.Equal([ids[4], ids[3], ids[2]], page1.Jobs.Select(j => j.Id));
        Assert.Equal([ids[0]], page2.Jobs.Select(j => j.Id));
        Assert.Null(page2.NextPageToken);
        Assert.Equal(Enumerable.Reverse(ids), everything.Jobs.Select(j => j.Id));
        Assert.Null(everything.NextPageToken);
    }

    /// <summary>The solver's heartbeat: the solve is under way (a stage reports its incumbent only when it ends).</summary>
    private static bool IsStillSolving(JobEvent e) => e.Kind == JobEventKind.Log && e.Message.Contains("solving, ", StringComparison.Ordinal);
}

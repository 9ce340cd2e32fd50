using Microsoft.Data.Sqlite;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Jobs;

/// <summary>The SQLite store alone, on a temp file: what it keeps, numbers, refuses and reports.</summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "stockpile-store-" + Guid.NewGuid().ToString("N"));
    private string StorePath => Path.Combine(directory, "jobs.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static NewJob Job(string id, string? requestId = null, SolveOptions? options = null, int minutes = 0) => new(
        id, new JobSubmission(requestId, ValidatedInstance.Require(JobInstances.Newsvendor()), options ?? new SolveOptions()), "fp-" + id, T0.AddMinutes(minutes));

    [Fact]
    public async Task Keeps_the_submission_exactly_and_numbers_events_from_one()
    {
        using var store = SqliteJobStore.Open(StorePath);
        var options = new SolveOptions { Solver = MipSolver.Highs, TimeLimit = TimeSpan.FromSeconds(12.5), RelativeGap = 0.01, Seed = 7, ShadowPrices = false };
        var (job, created) = await store.InsertAsync(Job("a", "req-1", options), maxQueued: 10, CancellationToken.None);

        Assert.True(created);
        Assert.Equal(new JobSnapshot("a", "req-1", "solve", JobState.Queued, T0, null, null, "fp-a", null, 1), job);
        Assert.Equal(job, await store.GetAsync("a", CancellationToken.None));
        var submission = await store.GetSubmissionAsync("a", CancellationToken.None);
        Assert.Equal(InstanceJson.Fingerprint(JobInstances.Newsvendor()), InstanceJson.Fingerprint(submission!.Instance));
        Assert.Equal(options, submission.Options);
        Assert.Equal(("req-1", "solve"), (submission.RequestId, submission.Kind));

        var log = await store.AppendEventsAsync("a", [new JobEventDraft(T0, JobEventKind.Log, "building")], CancellationToken.None);
        var running = await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0.AddSeconds(1), "running"), CancellationToken.None);
        var incumbent = await store.AppendEventsAsync("a",
            [new JobEventDraft(T0.AddSeconds(2), JobEventKind.Incumbent, "stage 1", 735.8, double.NaN, 0.5)], CancellationToken.None);
        var events = await store.GetEventsAsync("a", 0, CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Sequence));
        Assert.Equal([JobState.Queued, null, JobState.Running, null], events.Select(e => e.State));
        Assert.Equal(2, log.Single().Sequence);
        Assert.Equal((JobState.Running, T0.AddSeconds(1), 3L), (running!.Value.Job.State, running.Value.Job.StartedAt!.Value, running.Value.Event.Sequence));
        Assert.Equal((735.8, (double?)null, 0.5), (incumbent.Single().Objective!.Value, incumbent.Single().BestBound, incumbent.Single().Gap!.Value));
        Assert.Equal(events[3], incumbent.Single());
        Assert.Equal([3L, 4], (await store.GetEventsAsync("a", 2, CancellationToken.None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_request_id_seen_before_returns_the_first_job_even_when_the_queue_is_full()
    {
        using var store = SqliteJobStore.Open(StorePath);
        var (first, _) = await store.InsertAsync(Job("a", "same"), maxQueued: 1, CancellationToken.None);

        var (again, created) = await store.InsertAsync(Job("b", "same") with { Fingerprint = "fp-a" }, maxQueued: 1, CancellationToken.None);

        Assert.False(created);
        Assert.Equal(first, again);
        Assert.Null(await store.GetAsync("b", CancellationToken.None));
        await Assert.ThrowsAsync<QueueFullException>(() => store.InsertAsync(Job("c", "other"), maxQueued: 1, CancellationToken.None));
    }

    [Fact]
    public async Task Only_queued_jobs_count_against_the_capacity()
    {
        using var store = SqliteJobStore.Open(StorePath);
        await store.InsertAsync(Job("a"), maxQueued: 1, CancellationToken.None);
        await Assert.ThrowsAsync<QueueFullException>(() => store.InsertAsync(Job("b"), maxQueued: 1, CancellationToken.None));

        await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
        var (b, created) = await store.InsertAsync(Job("b"), maxQueued: 1, CancellationToken.None);

        Assert.True(created);
        Assert.Equal(JobState.Queued, b.State);
    }

    [Fact]
    public async Task A_transition_from_the_wrong_state_changes_nothing_and_a_finished_job_takes_no_events()
    {
        using var store = SqliteJobStore.Open(StorePath);
        await store.InsertAsync(Job("a"), 10, CancellationToken.None);

        Assert.Null(await store.TransitionAsync("a", JobState.Running, new JobTransition(JobState.Succeeded, T0, "done"), CancellationToken.None));
        Assert.Null(await store.TransitionAsync("nope", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None));
        var cancelled = await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Cancelled, T0.AddSeconds(3), "cancelled"), CancellationToken.None);
        var late = await store.AppendEventsAsync("a", [new JobEventDraft(T0, JobEventKind.Log, "too late")], CancellationToken.None);

        Assert.Equal((JobState.Cancelled, T0.AddSeconds(3), 2L), (cancelled!.Value.Job.State, cancelled.Value.Job.FinishedAt!.Value, cancelled.Value.Job.LastSequence));
        Assert.Empty(late);
        Assert.Equal(2, (await store.GetEventsAsync("a", 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Results_and_attempts_survive_closing_and_reopening_the_file()
    {
        var result = new SolveResult
        {
            Fingerprint = "fp-a",
            Solver = new SolverFacts { Termination = Termination.Cancelled, Objective = double.NaN, BestBound = double.NaN, Gap = double.NaN, Message = "no incumbent yet" },
            Scenarios = [new ScenarioPath { Scenario = "halt", Probability = 0.5, Materials = [new MaterialPath("A", "m", [60], [60], [0], [0])] }],
        };
        using (var store = SqliteJobStore.Open(StorePath))
        {
            await store.InsertAsync(Job("a"), 10, CancellationToken.None);
            await store.InsertAsync(Job("b", minutes: 1), 10, CancellationToken.None);
            await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("a", JobState.Running, new JobTransition(JobState.Queued, T0, "re-queued"), CancellationToken.None);
            await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("b", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("b", JobState.Running, new JobTransition(JobState.Cancelled, T0, "cancelled", Result: result), CancellationToken.None);
        }

        using var reopened = SqliteJobStore.Open(StorePath);
        var stored = await reopened.GetResultAsync("b", CancellationToken.None);

        Assert.Equal(InstanceJson.WriteResult(result), InstanceJson.WriteResult(stored!));
        Assert.Null(await reopened.GetResultAsync("a", CancellationToken.None));
        Assert.Equal(("a", 2), (await reopened.GetInStateAsync(JobState.Running, CancellationToken.None)) is [var a] ? (a.Job.Id, a.Attempts) : default);
    }

    [Fact]
    public async Task Lists_newest_first_in_pages_with_a_state_filter()
    {
        using var store = SqliteJobStore.Open(StorePath);
        foreach (var i in Enumerable.Range(1, 7))
        {
            await store.InsertAsync(Job($"j{i}", minutes: i), 100, CancellationToken.None);
        }
        foreach (var id in new[] { "j2", "j5", "j6" })
        {
            await store.TransitionAsync(id, JobState.Queued, new JobTransition(JobState.Cancelled, T0, "cancelled"), CancellationToken.None);
        }

        var all = await Pages(store, null, 3);
        var queued = await Pages(store, JobState.Queued, 2);
        var cancelled = await Pages(store, JobState.Cancelled, 10);

        Assert.Equal([["j7", "j6", "j5"], ["j4", "j3", "j2"], ["j1"]], all);
        Assert.Equal([["j7", "j4"], ["j3", "j1"]], queued);
        Assert.Equal([["j6", "j5", "j2"]], cancelled);
        Assert.Empty((await store.ListAsync(JobState.Running, 5, null, CancellationToken.None)).Jobs);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(null, 3, "not-a-token", CancellationToken.None));
    }

    private static async Task<List<string[]>> Pages(IJobStore store, JobState? state, int size)
    {
        var pages = new List<string[]>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(state, size, token, CancellationToken.None);
            pages.Add(page.Jobs.Select(j => j.Id).ToArray());
            token = page.NextPageToken;
        }
        while (token is not null);
        return pages;
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_by_name_and_left_untouched()
    {
        Directory.CreateDirectory(directory);
        var garbage = "these are not the jobs you are looking for\n"u8.ToArray().Concat(new byte[8192]).ToArray();
        File.WriteAllBytes(StorePath, garbage);

        var error = Assert.Throws<JobStoreException>(() => SqliteJobStore.Open(StorePath));

        Assert.Contains(StorePath, error.Message);
        Assert.Contains("not a SQLite database or is damaged", error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(StorePath));
    }

    [Fact]
    public async Task A_database_with_damaged_pages_is_refused_by_name()
    {
        using (var store = SqliteJobStore.Open(StorePath))
        {
            foreach (var i in Enumerable.Range(1, 20))
            {
                await store.InsertAsync(Job($"j{i}"), 100, CancellationToken.None);
            }
        }
        // Overwrite everything after the first page (the header stays valid).
        var bytes = File.ReadAllBytes(StorePath);
        Assert.True(bytes.Length > 3 * 4096);
        new Random(1).NextBytes(bytes.AsSpan(4096));
        File.WriteAllBytes(StorePath, bytes);

        var error = Assert.Throws<JobStoreException>(() => SqliteJobStore.Open(StorePath));

        Assert.Contains(StorePath, error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_file_locked_by_another_store_is_refused_by_name()
    {
        using var first = SqliteJobStore.Open(StorePath);

        var error = Assert.Throws<JobStoreException>(() => SqliteJobStore.Open(StorePath, busyTimeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains(StorePath, error.Message);
        Assert.Contains("locked by another process", error.Message);
    }

    [Fact]
    public void A_file_from_a_newer_server_is_refused()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<JobStoreException>(() => SqliteJobStore.Open(StorePath));

        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public void The_file_is_in_write_ahead_logging_mode()
    {
        using (SqliteJobStore.Open(StorePath))
        {
        }
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
    }
}

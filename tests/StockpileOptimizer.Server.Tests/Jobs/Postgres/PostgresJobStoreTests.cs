using StockpileOptimizer.TestData;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// The PostgreSQL store alone, each test in a fresh schema: the same behaviours as
/// <see cref="SqliteJobStoreTests"/> (what it keeps, numbers, refuses and reports), plus its own
/// schema and time handling.
/// </summary>
public sealed class PostgresJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresTestDatabase database = new();

    public void Dispose() => database.Dispose();

    internal static NewJob Job(string id, string? requestId = null, SolveOptions? options = null, int minutes = 0) => new(
        id, new JobSubmission(requestId, ValidatedInstance.Require(JobInstances.Newsvendor()), options ?? new SolveOptions()), "fp-" + id, T0.AddMinutes(minutes));

    [PostgresFact]
    public async Task Keeps_the_submission_exactly_and_numbers_events_from_one()
    {
        using var store = database.Open();
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
        Assert.Equal(running.Value.Event, events[2]);
        Assert.Equal((735.8, (double?)null, 0.5), (incumbent.Single().Objective!.Value, incumbent.Single().BestBound, incumbent.Single().Gap!.Value));
        Assert.Equal(events[3], incumbent.Single());
        Assert.Equal([3L, 4], (await store.GetEventsAsync("a", 2, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Empty(await store.GetEventsAsync("a", 4, CancellationToken.None));
        Assert.Null(await store.GetAsync("nope", CancellationToken.None));
        Assert.Null(await store.GetSubmissionAsync("nope", CancellationToken.None));
        Assert.Empty(await store.AppendEventsAsync("nope", [new JobEventDraft(T0, JobEventKind.Log, "x")], CancellationToken.None));
    }

    [PostgresFact]
    public async Task A_request_id_seen_before_returns_the_first_job_even_when_the_queue_is_full()
    {
        using var store = database.Open();
        var (first, _) = await store.InsertAsync(Job("a", "same"), maxQueued: 1, CancellationToken.None);

        var (again, created) = await store.InsertAsync(Job("b", "same") with { Fingerprint = "fp-a" }, maxQueued: 1, CancellationToken.None);

        Assert.False(created);
        Assert.Equal(first, again);
        Assert.Null(await store.GetAsync("b", CancellationToken.None));
        await Assert.ThrowsAsync<QueueFullException>(() => store.InsertAsync(Job("c", "other"), maxQueued: 1, CancellationToken.None));
        Assert.Null(await store.GetAsync("c", CancellationToken.None));
    }

    [PostgresFact]
    public async Task Only_queued_jobs_count_against_the_capacity()
    {
        using var store = database.Open();
        await store.InsertAsync(Job("a"), maxQueued: 1, CancellationToken.None);
        await Assert.ThrowsAsync<QueueFullException>(() => store.InsertAsync(Job("b"), maxQueued: 1, CancellationToken.None));

        await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
        var (b, created) = await store.InsertAsync(Job("b"), maxQueued: 1, CancellationToken.None);

        Assert.True(created);
        Assert.Equal(JobState.Queued, b.State);
    }

    [PostgresFact]
    public async Task A_transition_from_the_wrong_state_changes_nothing_and_a_finished_job_takes_no_events()
    {
        using var store = database.Open();
        await store.InsertAsync(Job("a"), 10, CancellationToken.None);

        Assert.Null(await store.TransitionAsync("a", JobState.Running, new JobTransition(JobState.Succeeded, T0, "done"), CancellationToken.None));
        Assert.Null(await store.TransitionAsync("nope", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None));
        var cancelled = await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Cancelled, T0.AddSeconds(3), "cancelled"), CancellationToken.None);
        var late = await store.AppendEventsAsync("a", [new JobEventDraft(T0, JobEventKind.Log, "too late")], CancellationToken.None);

        Assert.Equal((JobState.Cancelled, T0.AddSeconds(3), 2L), (cancelled!.Value.Job.State, cancelled.Value.Job.FinishedAt!.Value, cancelled.Value.Job.LastSequence));
        Assert.Empty(late);
        Assert.Equal(2, (await store.GetEventsAsync("a", 0, CancellationToken.None)).Count);
    }

    [PostgresFact]
    public async Task Results_and_attempts_survive_closing_and_reopening_the_store()
    {
        var result = new SolveResult
        {
            Fingerprint = "fp-a",
            Solver = new SolverFacts { Termination = Termination.Cancelled, Objective = double.NaN, BestBound = double.NaN, Gap = double.NaN, Message = "no incumbent yet" },
            Scenarios = [new ScenarioPath { Scenario = "halt", Probability = 0.5, Materials = [new MaterialPath("A", "m", [60], [60], [0], [0])] }],
        };
        using (var store = PostgresJobStore.Open(database.ConnectionString))
        {
            await store.InsertAsync(Job("a"), 10, CancellationToken.None);
            await store.InsertAsync(Job("b", minutes: 1), 10, CancellationToken.None);
            await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("a", JobState.Running, new JobTransition(JobState.Queued, T0, "re-queued"), CancellationToken.None);
            await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("b", JobState.Queued, new JobTransition(JobState.Running, T0, "running"), CancellationToken.None);
            await store.TransitionAsync("b", JobState.Running, new JobTransition(JobState.Cancelled, T0, "cancelled", Result: result), CancellationToken.None);
        }

        using var reopened = database.Open();
        var stored = await reopened.GetResultAsync("b", CancellationToken.None);

        Assert.Equal(InstanceJson.WriteResult(result), InstanceJson.WriteResult(stored!));
        Assert.Null(await reopened.GetResultAsync("a", CancellationToken.None));
        Assert.Null(await reopened.GetResultAsync("nope", CancellationToken.None));
        Assert.Equal(("a", 2), (await reopened.GetInStateAsync(JobState.Running, CancellationToken.None)) is [var a] ? (a.Job.Id, a.Attempts) : default);
        Assert.Equal(1L, database.Execute("SELECT count(*) FROM stockpile_schema"));
    }

    [PostgresFact]
    public async Task Lists_newest_first_in_pages_with_a_state_filter()
    {
        using var store = database.Open();
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
        Assert.Equal(
            ["j1", "j3", "j4", "j7"],
            (await store.GetInStateAsync(JobState.Queued, CancellationToken.None)).Select(j => j.Job.Id));
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

    [PostgresFact]
    public async Task Times_are_kept_to_the_microsecond_and_returned_as_later_read()
    {
        using var store = database.Open();
        var odd = new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567); // 0.1234567 s, not UTC
        var job = Job("a") with { CreatedAt = odd };

        var (inserted, _) = await store.InsertAsync(job, 10, CancellationToken.None);
        var read = await store.GetAsync("a", CancellationToken.None);
        var running = await store.TransitionAsync("a", JobState.Queued, new JobTransition(JobState.Running, odd.AddTicks(5), "running"), CancellationToken.None);
        var appended = await store.AppendEventsAsync("a", [new JobEventDraft(odd.AddTicks(9), JobEventKind.Log, "x")], CancellationToken.None);
        var events = await store.GetEventsAsync("a", 0, CancellationToken.None);

        Assert.Equal(odd.UtcTicks - 7, inserted.CreatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, inserted.CreatedAt.Offset);
        Assert.Equal(inserted, read);
        Assert.Equal(odd.AddTicks(5).UtcTicks - 2, running!.Value.Job.StartedAt!.Value.UtcTicks);
        Assert.Equal([events[1], events[2]], [running!.Value.Event, appended.Single()]);
        Assert.Equal(odd.UtcTicks - 7, events[0].Time.UtcTicks);
    }

    [PostgresFact]
    public async Task Stored_json_that_no_longer_reads_is_reported_with_its_job()
    {
        using var store = database.Open();
        await store.InsertAsync(Job("a"), 10, CancellationToken.None);
        database.Execute("UPDATE jobs SET instance_json = '{\"countries\": 5}', result_json = 'nonsense' WHERE id = 'a'");

        var submission = await Assert.ThrowsAsync<StoredJobDamagedException>(() => store.GetSubmissionAsync("a", CancellationToken.None));
        var result = await Assert.ThrowsAsync<StoredJobDamagedException>(() => store.GetResultAsync("a", CancellationToken.None));

        Assert.Contains("job a", submission.Message);
        Assert.Contains("submission cannot be read", submission.Message);
        Assert.Contains("result cannot be read", result.Message);
    }

    [PostgresFact]
    public async Task The_tables_are_created_once_with_their_version_even_when_replicas_start_together()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => database.Open())));

        Assert.Equal(PostgresJobStoreSchema.Version, database.Execute("SELECT version FROM stockpile_schema WHERE component = 'jobs'"));
        Assert.Equal(1L, database.Execute("SELECT count(*) FROM stockpile_schema"));
        Assert.All(stores, s => Assert.Equal(database.Schema, s.Schema));
        Assert.Equal(0L, database.Execute("SELECT count(*) FROM jobs"));
    }

    [PostgresFact]
    public void A_database_from_a_newer_server_is_refused_by_name()
    {
        using (database.Open())
        {
        }
        database.Execute("UPDATE stockpile_schema SET version = 99 WHERE component = 'jobs'");

        var error = Assert.Throws<JobStoreException>(() => database.Open());

        Assert.Contains("schema version 99", error.Message);
        Assert.Contains($"newer than this server's {PostgresJobStoreSchema.Version}", error.Message);
        Assert.Contains("database stockpile_test on 127.0.0.1", error.Message);
        Assert.DoesNotContain(PostgresTestDatabase.Password, error.Message);
    }

    [PostgresFact]
    public void A_search_path_naming_no_existing_schema_is_refused_clearly()
    {
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresTestDatabase.Server) { SearchPath = "no_such_schema_here" }.ToString();

        var error = Assert.Throws<JobStoreException>(() => PostgresJobStore.Open(connectionString));

        Assert.Contains("no schema named in the connection's search path exists", error.Message);
        Assert.Contains("search path no_such_schema_here", error.Message);
    }
}

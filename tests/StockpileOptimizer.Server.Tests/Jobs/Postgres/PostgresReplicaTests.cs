using StockpileOptimizer.TestData;
using Microsoft.Extensions.Time.Testing;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Jobs;
using static StockpileOptimizer.Server.Tests.Jobs.Postgres.PostgresJobStoreTests;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// Several stores ("replicas", each with its own connection pool) on one schema, racing: what
/// the database must make safe for hosts that share their jobs.
/// </summary>
public sealed class PostgresReplicaTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly PostgresTestDatabase database = new();

    public void Dispose() => database.Dispose();

    private PostgresJobStore[] Replicas(int count) => Enumerable.Range(0, count).Select(_ => database.Open()).ToArray();

    /// <summary>Runs <paramref name="count"/> calls at once (released together), spread over the replicas.</summary>
    private static async Task<T[]> Race<T>(PostgresJobStore[] replicas, int count, Func<PostgresJobStore, int, Task<T>> call)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await call(replicas[i % replicas.Length], i);
            }))
            .ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static JobTransition Start(string message = "running") => new(JobState.Running, T0, message);

    [PostgresFact]
    public async Task Two_replicas_see_each_others_jobs_events_and_results()
    {
        var (a, b) = (database.Open(), database.Open());

        var (job, _) = await a.InsertAsync(Job("j1", "req"), 10, CancellationToken.None);
        var seen = await b.GetAsync("j1", CancellationToken.None);
        var running = await b.TransitionAsync("j1", JobState.Queued, Start(), CancellationToken.None);
        await a.AppendEventsAsync("j1", [new JobEventDraft(T0, JobEventKind.Log, "from a")], CancellationToken.None);
        await b.TransitionAsync("j1", JobState.Running, new JobTransition(JobState.Failed, T0, "failed: x", Error: "x"), CancellationToken.None);

        Assert.Equal(job, seen);
        Assert.NotNull(running);
        Assert.Equal(
            [(1L, "queued"), (2, "running"), (3, "from a"), (4, "failed: x")],
            (await a.GetEventsAsync("j1", 0, CancellationToken.None)).Select(e => (e.Sequence, e.Message)));
        Assert.Equal(("x", JobState.Failed), ((await a.GetAsync("j1", CancellationToken.None))!.Error, (await a.GetAsync("j1", CancellationToken.None))!.State));
        Assert.Equal(["j1"], (await b.ListAsync(null, 10, null, CancellationToken.None)).Jobs.Select(j => j.Id));
        Assert.False((await b.InsertAsync(Job("j2", "req") with { Fingerprint = "fp-j1" }, 10, CancellationToken.None)).Created);
    }

    [PostgresFact]
    public async Task Concurrent_inserts_with_one_request_id_make_one_job()
    {
        var replicas = Replicas(3);

        var results = await Race(replicas, 24, (store, i) => store.InsertAsync(Job($"job-{i}", "the-same-request") with { Fingerprint = "fp-same" }, 100, CancellationToken.None));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Job).Distinct());
        Assert.Equal(1L, database.Execute("SELECT count(*) FROM jobs"));
        Assert.Equal(1L, database.Execute("SELECT count(*) FROM job_events"));
    }

    [PostgresFact]
    public async Task Concurrent_inserts_never_pass_the_queue_capacity()
    {
        var replicas = Replicas(3);

        var results = await Race(replicas, 30, async (store, i) =>
        {
            try
            {
                return (await store.InsertAsync(Job($"job-{i}", $"request-{i}"), maxQueued: 7, CancellationToken.None)).Created;
            }
            catch (QueueFullException)
            {
                return false;
            }
        });

        Assert.Equal(7, results.Count(created => created));
        Assert.Equal(7L, database.Execute("SELECT count(*) FROM jobs WHERE state = 'QUEUED'"));
    }

    [PostgresFact]
    public async Task Concurrent_claims_of_one_queued_job_have_exactly_one_winner()
    {
        var replicas = Replicas(4);
        await replicas[0].InsertAsync(Job("j"), 10, CancellationToken.None);
        await replicas[0].InsertAsync(Job("k"), 10, CancellationToken.None);

        var claims = await Race(replicas, 16, (store, i) => store.TryClaimAsync("j", $"replica-{i}", Lease, Start($"claimed by {i}"), CancellationToken.None));
        // The plain interface's conditional change is just as exclusive.
        var transitions = await Race(replicas, 16, (store, i) => store.TransitionAsync("k", JobState.Queued, Start($"taken by {i}"), CancellationToken.None));

        var winner = Assert.Single(claims, c => c is not null)!.Value;
        Assert.Single(transitions, t => t is not null);
        Assert.Equal((JobState.Running, 2L), (winner.Job.State, winner.Job.LastSequence));
        var events = await replicas[1].GetEventsAsync("j", 0, CancellationToken.None);
        Assert.Equal([1L, 2], events.Select(e => e.Sequence));
        Assert.Equal(winner.Event, events[1]);
        Assert.Equal(1, (await replicas[2].GetInStateAsync(JobState.Running, CancellationToken.None)).Single(j => j.Job.Id == "j").Attempts);
        Assert.Equal("replica-" + winner.Event.Message["claimed by ".Length..], database.Execute("SELECT owner FROM jobs WHERE id = 'j'"));
    }

    [PostgresFact]
    public async Task Replicas_claiming_the_next_job_take_each_queued_job_once_oldest_first()
    {
        var replicas = Replicas(3);
        foreach (var i in Enumerable.Range(1, 12))
        {
            await replicas[0].InsertAsync(Job($"j{i:00}", minutes: i), 100, CancellationToken.None);
        }

        var claims = await Race(replicas, 20, (store, i) =>
            store.ClaimNextAsync($"replica-{i % 3}", Lease, T0, s => $"running {s.Kind}", CancellationToken.None));

        var taken = claims.Where(c => c is not null).Select(c => c!).ToList();
        Assert.Equal(12, taken.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"j{i:00}"), taken.Select(c => c.Job.Id).Order());
        Assert.All(taken, c => Assert.Equal((JobState.Running, "running solve", 2L), (c.Job.State, c.Event.Message, c.Event.Sequence)));
        Assert.All(taken, c => Assert.Equal(JobInstances.Newsvendor().Name, c.Submission!.Instance.Name));
        Assert.Empty(await replicas[1].GetInStateAsync(JobState.Queued, CancellationToken.None));
        Assert.Null(await replicas[2].ClaimNextAsync("late", Lease, T0, _ => "x", CancellationToken.None));

        // One at a time, the oldest queued job comes first.
        await replicas[0].InsertAsync(Job("newer", minutes: 30), 100, CancellationToken.None);
        await replicas[0].InsertAsync(Job("older", minutes: -30), 100, CancellationToken.None); // inserted later: later in the queue
        Assert.Equal("newer", (await replicas[1].ClaimNextAsync("r", Lease, T0, _ => "x", CancellationToken.None))!.Job.Id);
    }

    [PostgresFact]
    public async Task A_claimed_job_whose_submission_cannot_be_read_fails_instead_of_blocking_the_queue()
    {
        using var store = database.Open();
        await store.InsertAsync(Job("bad"), 10, CancellationToken.None);
        await store.InsertAsync(Job("good", minutes: 1), 10, CancellationToken.None);
        database.Execute("UPDATE jobs SET options_json = 'not json' WHERE id = 'bad'");

        var first = await store.ClaimNextAsync("r", Lease, T0, _ => "running", CancellationToken.None);
        var second = await store.ClaimNextAsync("r", Lease, T0, _ => "running", CancellationToken.None);

        Assert.Equal(("bad", JobState.Failed, (StoredSubmission?)null), (first!.Job.Id, first.Job.State, first.Submission));
        Assert.Contains("the stored submission cannot be read", first.Job.Error);
        Assert.Equal(JobState.Failed, first.Event.State);
        Assert.Equal(("good", JobState.Running), (second!.Job.Id, second.Job.State));
    }

    [PostgresFact]
    public async Task Concurrent_appends_and_a_finish_from_two_replicas_number_events_without_gaps()
    {
        var replicas = Replicas(2);
        await replicas[0].InsertAsync(Job("j"), 10, CancellationToken.None);
        await replicas[0].TransitionAsync("j", JobState.Queued, Start(), CancellationToken.None);

        var appended = await Race(replicas, 40, (store, i) => store.AppendEventsAsync(
            "j", Enumerable.Range(0, 1 + i % 5).Select(k => new JobEventDraft(T0, JobEventKind.Log, $"{i}.{k}")).ToList(), CancellationToken.None));
        var finished = await replicas[1].TransitionAsync("j", JobState.Running, new JobTransition(JobState.Succeeded, T0, "done"), CancellationToken.None);
        var late = await replicas[0].AppendEventsAsync("j", [new JobEventDraft(T0, JobEventKind.Log, "late")], CancellationToken.None);

        var events = await replicas[0].GetEventsAsync("j", 0, CancellationToken.None);
        var total = 2 + appended.Sum(a => a.Count) + 1;
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(appended.SelectMany(a => a).OrderBy(e => e.Sequence), events.Skip(2).SkipLast(1));
        // Each batch got consecutive numbers.
        Assert.All(appended, a => Assert.Equal(Enumerable.Range((int)a[0].Sequence, a.Count).Select(i => (long)i), a.Select(e => e.Sequence)));
        Assert.Equal((total, JobState.Succeeded), ((int)finished!.Value.Event.Sequence, events[^1].State!.Value));
        Assert.Empty(late);
    }

    [PostgresFact]
    public async Task Appends_racing_a_finish_never_land_after_the_terminal_event()
    {
        var replicas = Replicas(2);
        await replicas[0].InsertAsync(Job("j"), 10, CancellationToken.None);
        await replicas[0].TransitionAsync("j", JobState.Queued, Start(), CancellationToken.None);

        await Race(replicas, 30, async (store, i) =>
        {
            if (i == 15)
            {
                await store.TransitionAsync("j", JobState.Running, new JobTransition(JobState.Cancelled, T0, "cancelled"), CancellationToken.None);
                return 0;
            }
            return (await store.AppendEventsAsync("j", [new JobEventDraft(T0, JobEventKind.Log, $"{i}")], CancellationToken.None)).Count;
        });

        var events = await replicas[1].GetEventsAsync("j", 0, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(JobState.Cancelled, events[^1].State);
        Assert.Single(events, e => e.State == JobState.Cancelled);
    }

    [PostgresFact]
    public async Task An_owner_keeps_its_job_while_it_renews_and_loses_it_to_recovery_when_its_lease_runs_out()
    {
        // Both replicas measure leases in one fake clock, moved by hand.
        var clock = new FakeTimeProvider(T0);
        var (a, b) = (database.Open(clock), database.Open(clock));
        await a.InsertAsync(Job("held"), 10, CancellationToken.None);
        await a.InsertAsync(Job("lapsed", minutes: 1), 10, CancellationToken.None);
        await a.TryClaimAsync("held", "replica-a", Lease, Start(), CancellationToken.None);
        await a.TryClaimAsync("lapsed", "replica-a", TimeSpan.FromMilliseconds(200), Start(), CancellationToken.None);
        var stillHeld = await b.GetExpiredAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        var justBefore = await b.GetExpiredAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1)); // the lease ends now: expired

        var expired = await b.GetExpiredAsync(CancellationToken.None);
        var keptByRenewal = await a.RenewLeaseAsync("held", "replica-a", Lease, CancellationToken.None);
        var notExpired = await b.TransitionExpiredAsync("held", new JobTransition(JobState.Queued, T0, "re-queued"), CancellationToken.None);
        var recovered = await b.TransitionExpiredAsync("lapsed", new JobTransition(JobState.Queued, T0, "re-queued: its host stopped renewing"), CancellationToken.None);
        var retaken = await b.TryClaimAsync("lapsed", "replica-b", Lease, Start("running again"), CancellationToken.None);

        Assert.Empty(stillHeld);
        Assert.Empty(justBefore);
        Assert.Equal(["lapsed"], expired.Select(j => j.Job.Id));
        Assert.Equal(1, expired.Single().Attempts);
        Assert.Equal(LeaseStatus.Held, keptByRenewal);
        Assert.Null(notExpired);
        Assert.Equal(JobState.Queued, recovered!.Value.Job.State);
        Assert.Equal(2, (await b.GetInStateAsync(JobState.Running, CancellationToken.None)).Single(j => j.Job.Id == "lapsed").Attempts);
        Assert.NotNull(retaken);

        // The old owner wakes up: it has lost the job, and cannot store over replica b's run.
        Assert.Equal(LeaseStatus.Lost, await a.RenewLeaseAsync("lapsed", "replica-a", Lease, CancellationToken.None));
        Assert.Empty(await a.AppendEventsAsync("lapsed", "replica-a", [new JobEventDraft(T0, JobEventKind.Log, "stale")], CancellationToken.None));
        Assert.Null(await a.TransitionOwnedAsync("lapsed", "replica-a", new JobTransition(JobState.Succeeded, T0, "stale result"), CancellationToken.None));
        Assert.Single(await b.AppendEventsAsync("lapsed", "replica-b", [new JobEventDraft(T0, JobEventKind.Log, "fresh")], CancellationToken.None));
        var done = await b.TransitionOwnedAsync("lapsed", "replica-b", new JobTransition(JobState.Succeeded, T0, "done"), CancellationToken.None);
        Assert.Equal(JobState.Succeeded, done!.Value.Job.State);
        Assert.Equal(LeaseStatus.Lost, await b.RenewLeaseAsync("lapsed", "replica-b", Lease, CancellationToken.None));
        Assert.Equal(
            ["queued", "running", "re-queued: its host stopped renewing", "running again", "fresh", "done"],
            (await a.GetEventsAsync("lapsed", 0, CancellationToken.None)).Select(e => e.Message));
        Assert.Equal(DBNull.Value, database.Execute("SELECT owner FROM jobs WHERE id = 'lapsed'"));
    }

    [PostgresFact]
    public async Task A_cancel_asked_on_one_replica_reaches_the_owner_with_its_next_renewal()
    {
        var (owner, other) = (database.Open(), database.Open());
        await owner.InsertAsync(Job("j"), 10, CancellationToken.None);
        await owner.InsertAsync(Job("queued", minutes: 1), 10, CancellationToken.None);
        await owner.TryClaimAsync("j", "owner", Lease, Start(), CancellationToken.None);

        Assert.Equal(LeaseStatus.Held, await owner.RenewLeaseAsync("j", "owner", Lease, CancellationToken.None));
        Assert.True(await other.RequestCancelAsync("j", CancellationToken.None));
        Assert.False(await other.RequestCancelAsync("queued", CancellationToken.None));
        Assert.False(await other.RequestCancelAsync("nope", CancellationToken.None));
        Assert.Equal(LeaseStatus.CancelRequested, await owner.RenewLeaseAsync("j", "owner", Lease, CancellationToken.None));
        Assert.Equal(LeaseStatus.Lost, await owner.RenewLeaseAsync("j", "someone else", Lease, CancellationToken.None));
        await owner.TransitionOwnedAsync("j", "owner", new JobTransition(JobState.Cancelled, T0, "cancelled"), CancellationToken.None);
        Assert.Equal(JobState.Cancelled, (await other.GetAsync("j", CancellationToken.None))!.State);
    }

    [PostgresFact]
    public async Task A_listener_on_one_replica_hears_every_event_stored_by_another_in_order()
    {
        var (writer, listener) = (database.Open(), database.Open());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // Listening from here on: nothing stored after this line is missed.
        await using var listenerOfB = await listener.ListenAsync(timeout.Token);
        var heard = new List<JobEventNotice>();
        var listen = Task.Run(async () =>
        {
            await foreach (var notice in listenerOfB.ReadAllAsync(timeout.Token))
            {
                heard.Add(notice);
                if (notice.State == JobState.Succeeded)
                {
                    return;
                }
            }
        });

        await writer.InsertAsync(Job("j"), 10, CancellationToken.None);
        await Assert.ThrowsAsync<QueueFullException>(() => writer.InsertAsync(Job("refused"), 1, CancellationToken.None)); // rolled back: no notice
        await writer.TransitionAsync("j", JobState.Queued, Start(), CancellationToken.None);
        await writer.AppendEventsAsync("j", [new JobEventDraft(T0, JobEventKind.Log, "a"), new JobEventDraft(T0, JobEventKind.Log, "b")], CancellationToken.None);
        await writer.TransitionAsync("j", JobState.Running, new JobTransition(JobState.Succeeded, T0, "done"), CancellationToken.None);
        await listen;

        Assert.Equal(
            [new JobEventNotice("j", 1, JobState.Queued), new("j", 2, JobState.Running), new("j", 4, JobState.Running), new("j", 5, JobState.Succeeded)],
            heard);
    }

    [PostgresFact]
    public async Task A_listener_disposed_while_its_reader_waits_stops_the_reader_and_frees_its_connection()
    {
        var store = database.Open();
        var listener = await store.ListenAsync(CancellationToken.None);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in listener.ReadAllAsync(CancellationToken.None))
            {
                heard.TrySetResult();
            }
        });
        // Once it has heard a notice, the reader waits on the connection for the next.
        await store.InsertAsync(Job("j"), 10, CancellationToken.None);
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await listener.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);
        await listener.DisposeAsync(); // twice is harmless
        // Its own unpooled connection: closed, not left listening in a pool. (Only this schema's
        // channel: job services of other tests, running at the same time, listen on theirs.) The
        // server drops the session once the connection has closed: wait until it has (bounded).
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (ListeningSessions(store) > 0 && !limit.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
        Assert.Equal(0L, ListeningSessions(store));
    }

    private long ListeningSessions(PostgresJobStore store) => (long)database.Execute(
        $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN \"{store.NotifyChannel}\"%'")!;
}

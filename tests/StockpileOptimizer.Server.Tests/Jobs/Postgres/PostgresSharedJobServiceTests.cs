using StockpileOptimizer.TestData;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// Two job services ("replicas", each with its own store and connection pools, as two pods would
/// have) on one PostgreSQL schema: claims, leases of 2 s (in a fake clock where a test is about
/// leases running out or being kept), cancels and watches across replicas, and what happens to
/// the jobs of a replica that dies. Solves that a test cancels or hands over are held
/// (<see cref="JobOptions.TestHoldSolvesUntilCancelled"/>): they cannot end on their own.
/// </summary>
public sealed class PostgresSharedJobServiceTests : IAsyncLifetime
{
    private const double LeaseSeconds = 2;
    private readonly PostgresTestDatabase database = new();
    private readonly List<Replica> replicas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.Service.StopAsync(CancellationToken.None);
        }
        database.Dispose();
    }

    private sealed record Replica(string Name, JobService Service, PostgresJobStore Store, CollectingLogger<JobService> Log)
    {
        /// <summary>How many times this replica started running the job (its "Job … running" log lines).</summary>
        public int Runs(string id) => Log.Entries.Count(e => e.Message.StartsWith($"Job {id} running (", StringComparison.Ordinal));

        public bool Logged(string start) => Log.Entries.Any(e => e.Message.StartsWith(start, StringComparison.Ordinal));
    }

    private Replica NewReplica(
        string name, double pollSeconds = 0.25, int concurrent = 1, int maxAttempts = 3, double leaseSeconds = LeaseSeconds, TimeProvider? clock = null,
        bool hold = false)
    {
        // With a fake clock, the store measures leases in it too.
        var store = database.Open(clock);
        var log = new CollectingLogger<JobService>();
        var options = new JobOptions
        {
            Store = JobStoreKind.Postgres, ShutdownGrace = TimeSpan.Zero, MaxConcurrentSolves = concurrent, MaxAttempts = maxAttempts,
            TestHoldSolvesUntilCancelled = hold,
        };
        var replica = new JobReplicaOptions { ReplicaId = name, Lease = TimeSpan.FromSeconds(leaseSeconds), Poll = TimeSpan.FromSeconds(pollSeconds) };
        var created = new Replica(name, new JobService(store, options, clock ?? TimeProvider.System, log, processors: 2, replica), store, log);
        replicas.Add(created);
        return created;
    }

    private async Task<Replica> StartedReplica(
        string name, double pollSeconds = 0.25, int concurrent = 1, int maxAttempts = 3, double leaseSeconds = LeaseSeconds, TimeProvider? clock = null,
        bool hold = false)
    {
        var replica = NewReplica(name, pollSeconds, concurrent, maxAttempts, leaseSeconds, clock, hold);
        await replica.Service.StartAsync(CancellationToken.None);
        return replica;
    }

    private static Task<(JobSnapshot Job, bool Created)> Submit(Replica replica, StockpileInstance instance, SolveOptions? options = null) =>
        replica.Service.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(instance), options ?? new SolveOptions()), CancellationToken.None);

    /// <summary>A long solve that reports progress often (held where the replica holds its solves); the tests cancel it.</summary>
    private static SolveOptions Long => new() { TimeLimit = TimeSpan.FromSeconds(300), ProgressInterval = TimeSpan.FromMilliseconds(200) };

    private static async Task<List<JobEvent>> Watch(Replica replica, string id, long after = 0, Func<JobEvent, bool>? until = null, double seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var seen = new List<JobEvent>();
        await foreach (var e in replica.Service.WatchAsync(id, after, timeout.Token))
        {
            seen.Add(e);
            if (until?.Invoke(e) == true)
            {
                break;
            }
        }
        return seen;
    }

    private static bool IsState(JobEvent e, JobState state) => e.Kind == JobEventKind.State && e.State == state;

    private static IEnumerable<JobState> States(IEnumerable<JobEvent> events) =>
        events.Where(e => e.Kind == JobEventKind.State).Select(e => e.State!.Value);

    private int Attempts(string id) =>
        Convert.ToInt32(database.Execute($"SELECT attempts FROM jobs WHERE id = '{id}'"), System.Globalization.CultureInfo.InvariantCulture);

    private string? OwnerOf(string id) => database.Execute($"SELECT owner FROM jobs WHERE id = '{id}'") as string;

    [PostgresFact]
    public async Task Jobs_submitted_on_one_replica_run_exactly_once_across_both()
    {
        var a = await StartedReplica("a", concurrent: 2);
        var b = await StartedReplica("b", concurrent: 2);

        var ids = new List<string>();
        foreach (var i in Enumerable.Range(0, 10))
        {
            ids.Add((await Submit(a, JobInstances.Newsvendor($"n{i}"))).Job.Id);
        }
        var watched = new List<List<JobEvent>>();
        foreach (var id in ids)
        {
            watched.Add(await Watch(b, id)); // from the other replica
        }

        foreach (var (id, events) in ids.Zip(watched))
        {
            // The newsvendor's optimum (JobInstances): 720 USD.
            Assert.Equal([JobState.Queued, JobState.Running, JobState.Succeeded], States(events));
            Assert.Equal(720, events[^1].Objective!.Value, 6);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Sequence));
            Assert.Equal(1, Attempts(id));
            Assert.Equal(1, a.Runs(id) + b.Runs(id));
            Assert.NotNull(await b.Service.GetResultAsync(id, CancellationToken.None));
            Assert.Null(OwnerOf(id));
        }
        Assert.DoesNotContain(a.Log.Entries.Concat(b.Log.Entries), e => e.Message.Contains(" re-queued (fingerprint", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task A_cancel_on_one_replica_stops_the_solve_on_the_other_which_kept_its_job_until_then()
    {
        // One fake clock for both replicas and their leases: time passes only when the test moves it.
        var clock = new WatchedClock();
        var lease = TimeSpan.FromSeconds(LeaseSeconds);
        var renewEvery = lease / 3;
        var a = await StartedReplica("a", clock: clock, hold: true);
        var (job, _) = await Submit(a, JobInstances.Newsvendor(), Long);
        await Watch(a, job.Id, until: e => IsState(e, JobState.Running));
        // b starts while a runs the job, and sweeps for expired leases every half lease: a renews
        // every third of a lease, so b leaves the job alone. 1.67 leases pass, a third at a time,
        // each step once a's lease keeper waits for its next renewal.
        var b = await StartedReplica("b", clock: clock, hold: true);
        var renewals = 0;
        for (var step = 0; step < 5; step++)
        {
            await clock.TimerSetAsync(renewEvery, renewals);
            renewals = clock.TimersSet(renewEvery);
            clock.Advance(renewEvery);
        }
        await clock.TimerSetAsync(renewEvery, renewals); // the last renewal is stored
        var meanwhile = await b.Service.GetAsync(job.Id, CancellationToken.None);
        var owner = OwnerOf(job.Id);

        // The clock stands still from here: a's lease keeper renews only when a notice pokes it.
        var cancelled = await b.Service.CancelAsync(job.Id, CancellationToken.None);
        var events = await Watch(b, job.Id);
        var result = await b.Service.GetResultAsync(job.Id, CancellationToken.None);

        Assert.Equal(JobState.Running, meanwhile!.State);
        Assert.StartsWith("a#", owner);
        Assert.Equal(JobState.Cancelled, cancelled!.State);
        // With the clock standing still, a learnt of the request only through the store's notice.
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Cancelled], States(events));
        Assert.Equal(Termination.Cancelled, result!.Solver.Termination);
        Assert.Equal((1, 0, 1), (a.Runs(job.Id), b.Runs(job.Id), Attempts(job.Id)));
        Assert.True(a.Logged($"Job {job.Id} cancel requested"));
    }

    [PostgresFact]
    public async Task A_watch_on_another_replica_wakes_on_its_notices_and_sees_every_event_and_the_end()
    {
        // Leases of 20 s: on a loaded machine a 2 s lease can lapse between renewals, and then b
        // rightly takes the job over — another test's subject; here only one replica may run it.
        var a = await StartedReplica("a", leaseSeconds: 20);
        var (job, _) = await Submit(a, JobInstances.Long(), Long);
        var running = (await Watch(a, job.Id, until: e => IsState(e, JobState.Running)))[^1];
        // b's clock stands still (at the machine's now, so a's lease is not over in it): it never
        // polls the store by itself, so whatever it sees came by notice.
        var b = await StartedReplica("b", pollSeconds: 60, leaseSeconds: 20, clock: new WatchedClock(DateTimeOffset.UtcNow));

        var live = await Watch(b, job.Id, until: e => e.Sequence >= running.Sequence + 3);
        await a.Service.CancelAsync(job.Id, CancellationToken.None);
        var rest = await Watch(b, job.Id, after: live[^1].Sequence);

        var seen = live.Concat(rest).ToList();
        Assert.Equal(await b.Store.GetEventsAsync(job.Id, 0, CancellationToken.None), seen);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(n => (long)n), seen.Select(e => e.Sequence));
        Assert.True(IsState(seen[^1], JobState.Cancelled));
        Assert.Equal(JobState.Cancelled, (await b.Service.GetAsync(job.Id, CancellationToken.None))!.State);
        Assert.Equal((1, 0), (a.Runs(job.Id), b.Runs(job.Id)));
    }

    [PostgresFact]
    public async Task Jobs_of_a_replica_that_died_are_requeued_by_a_live_one_within_max_attempts()
    {
        // One fake clock for the replicas and their leases: time passes only when the test moves it.
        var clock = new WatchedClock();
        var b = NewReplica("b", maxAttempts: 2, clock: clock);
        var (once, _) = await Submit(b, JobInstances.Newsvendor("once"));
        var (twice, _) = await Submit(b, JobInstances.Newsvendor("twice"));
        // A replica takes both and dies at once: nobody renews its leases. "twice" had died on one before.
        var dead = database.Open(clock);
        var lease = TimeSpan.FromSeconds(LeaseSeconds);
        await dead.TryClaimAsync(twice.Id, "dead#1", TimeSpan.Zero, new JobTransition(JobState.Running, clock.GetUtcNow(), "running on dead#1"), CancellationToken.None);
        await dead.TransitionExpiredAsync(twice.Id, new JobTransition(JobState.Queued, clock.GetUtcNow(), "re-queued"), CancellationToken.None);
        foreach (var _ in new[] { once, twice })
        {
            await dead.ClaimNextAsync("dead#2", lease, clock.GetUtcNow(), _ => "running on dead#2", CancellationToken.None);
        }

        // b starts before the leases run out: start-up leaves them alone; its sweep (every half
        // lease) takes them up after. Two sweeps later the leases have run out.
        await b.Service.StartAsync(CancellationToken.None);
        var atStart = (await b.Service.GetAsync(once.Id, CancellationToken.None))!.State;
        var sweepEvery = lease / 2;
        for (var sweep = 0; sweep < 2; sweep++)
        {
            await clock.TimerSetAsync(sweepEvery, sweep);
            clock.Advance(sweepEvery);
        }
        var events = await Watch(b, once.Id);
        var failed = await Watch(b, twice.Id);

        Assert.Equal(JobState.Running, atStart);
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Queued, JobState.Running, JobState.Succeeded], States(events));
        Assert.Equal("re-queued: the replica running it stopped renewing its lease", events.Single(e => IsState(e, JobState.Queued) && e.Sequence > 1).Message);
        Assert.Equal(720, events[^1].Objective!.Value, 6);
        Assert.Equal((2, 1), (Attempts(once.Id), b.Runs(once.Id)));

        var end = (await b.Service.GetAsync(twice.Id, CancellationToken.None))!;
        Assert.Equal(JobState.Failed, end.State);
        Assert.Equal("the replica running the job stopped renewing its lease, 2 times; not retried (Jobs:MaxAttempts is 2)", end.Error);
        Assert.True(IsState(failed[^1], JobState.Failed));
        Assert.Equal(0, b.Runs(twice.Id));
    }

    [PostgresFact]
    public async Task A_replica_cut_off_from_the_database_gives_its_job_up_before_another_runs_it()
    {
        var a = await StartedReplica("a", hold: true);
        var (job, _) = await Submit(a, JobInstances.Newsvendor(), Long);
        await Watch(a, job.Id, until: e => IsState(e, JobState.Running));
        var b = await StartedReplica("b", hold: true);

        // a loses the database: its renewals fail, and it gives the job up before its lease can run out.
        a.Store.Dispose();
        var events = await Watch(b, job.Id, until: e => IsState(e, JobState.Running) && e.Sequence > 2);
        var gaveUp = a.Logged($"Job {job.Id}: this replica no longer holds it");
        var owner = OwnerOf(job.Id);
        await b.Service.CancelAsync(job.Id, CancellationToken.None);
        var stored = await b.Store.GetEventsAsync(job.Id, 0, CancellationToken.None);

        Assert.True(gaveUp, "a stopped its run before b started its own");
        Assert.StartsWith("b#", owner);
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Queued, JobState.Running, JobState.Cancelled], States(stored));
        Assert.Contains(stored, e => e.Message == "re-queued: the replica running it stopped renewing its lease");
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => (long)n), stored.Select(e => e.Sequence));
        Assert.Equal((1, 1, 2), (a.Runs(job.Id), b.Runs(job.Id), Attempts(job.Id)));
        Assert.True(events.Count > 0);
    }

    [PostgresFact]
    public async Task A_replica_that_stops_hands_its_running_job_back_and_the_other_takes_it_at_once()
    {
        var a = await StartedReplica("a", hold: true);
        var (job, _) = await Submit(a, JobInstances.Newsvendor(), Long);
        await Watch(a, job.Id, until: e => IsState(e, JobState.Running));
        // b's clock stands still (at the machine's now, so a's lease is not over in it): it never
        // polls the store or sweeps by itself, so it takes the job up on the re-queue notice.
        var b = await StartedReplica("b", pollSeconds: 60, clock: new WatchedClock(DateTimeOffset.UtcNow), hold: true);
        var watchOnA = Watch(a, job.Id);

        await a.Service.StopAsync(CancellationToken.None); // no grace: the solve is interrupted and handed back
        await Watch(b, job.Id, until: e => IsState(e, JobState.Running) && e.Sequence > 2);
        var owner = OwnerOf(job.Id);
        await b.Service.CancelAsync(job.Id, CancellationToken.None);
        var stored = await b.Store.GetEventsAsync(job.Id, 0, CancellationToken.None);

        await Assert.ThrowsAsync<JobServiceStoppingException>(() => watchOnA);
        Assert.StartsWith("b#", owner);
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Queued, JobState.Running, JobState.Cancelled], States(stored));
        Assert.Contains(stored, e => e.Message == "re-queued: the host is shutting down; another replica runs it");
        Assert.Equal((1, 1, 2), (a.Runs(job.Id), b.Runs(job.Id), Attempts(job.Id)));
    }

    [PostgresFact]
    public async Task Cancelling_a_job_whose_replica_died_cancels_it_at_once_and_a_live_replicas_job_only_by_its_owner()
    {
        var b = NewReplica("b"); // not started: no workers, no sweep; it only answers calls
        var (orphan, _) = await Submit(b, JobInstances.Newsvendor("orphan"));
        var (held, _) = await Submit(b, JobInstances.Newsvendor("held"));
        var other = database.Open();
        await other.TryClaimAsync(orphan.Id, "dead#1", TimeSpan.Zero, new JobTransition(JobState.Running, DateTimeOffset.UtcNow, "running"), CancellationToken.None);
        await other.TryClaimAsync(held.Id, "alive#1", TimeSpan.FromMinutes(5), new JobTransition(JobState.Running, DateTimeOffset.UtcNow, "running"), CancellationToken.None);

        await using var notices = await other.ListenAsync(CancellationToken.None);
        var cancelled = await b.Service.CancelAsync(orphan.Id, CancellationToken.None);
        var answer = b.Service.CancelAsync(held.Id, CancellationToken.None);
        // The live owner hears the request (its notice, then its next renewal), and stores the outcome.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await foreach (var notice in notices.ReadAllAsync(timeout.Token))
            {
                if (notice.CancelRequested && notice.JobId == held.Id)
                {
                    break;
                }
            }
        }
        Assert.Equal(LeaseStatus.CancelRequested, await other.RenewLeaseAsync(held.Id, "alive#1", TimeSpan.FromMinutes(5), CancellationToken.None));
        await other.TransitionOwnedAsync(held.Id, "alive#1", new JobTransition(JobState.Cancelled, DateTimeOffset.UtcNow, "cancelled by its owner"), CancellationToken.None);
        var heldCancelled = await answer;

        Assert.Equal(JobState.Cancelled, cancelled!.State);
        Assert.Equal("cancelled; the replica running it had stopped renewing its lease", (await Watch(b, orphan.Id))[^1].Message);
        Assert.Equal(JobState.Cancelled, heldCancelled!.State);
        Assert.Equal("cancelled by its owner", (await Watch(b, held.Id))[^1].Message);
    }

    [Fact]
    public void The_replica_settings_are_checked_and_owners_are_unique_per_start()
    {
        var validator = new JobReplicaOptionsValidator();

        var bad = validator.Validate(null, new JobReplicaOptions { Lease = TimeSpan.FromSeconds(0.5), Poll = TimeSpan.Zero });

        Assert.Equal(
            ["Jobs:Lease must be between 1 s and 1 h", "Jobs:Poll must be between 50 ms and 10 min"],
            bad.Failures!);
        Assert.True(validator.Validate(null, new JobReplicaOptions()).Succeeded);
        var settings = new JobReplicaOptions { ReplicaId = "pod-7" };
        var (first, second) = (settings.NewOwner(), settings.NewOwner());
        Assert.StartsWith("pod-7#", first);
        Assert.NotEqual(first, second);
        Assert.StartsWith($"{Environment.MachineName}/{Environment.ProcessId}#", new JobReplicaOptions().NewOwner());
    }
}

using StockpileOptimizer.TestData;
using Npgsql;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>The real job service and engine over the PostgreSQL store.</summary>
public sealed class PostgresJobServiceTests : IDisposable
{
    private readonly PostgresTestDatabase database = new();

    public void Dispose() => database.Dispose();

    private JobService Service(IJobStore store) =>
        new(store, new JobOptions { ShutdownGrace = TimeSpan.Zero, Store = JobStoreKind.Postgres }, TimeProvider.System, new CollectingLogger<JobService>(), processors: 2);

    [PostgresFact]
    public async Task A_submitted_solve_runs_to_succeeded_with_numbered_events_and_a_stored_result()
    {
        var store = database.Open();
        var service = Service(store);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var (job, created) = await service.SubmitAsync(
                new JobSubmission("req-e2e", ValidatedInstance.Require(JobInstances.Newsvendor()), new SolveOptions()), CancellationToken.None);
            var events = new List<JobEvent>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var e in service.WatchAsync(job.Id, 0, timeout.Token))
            {
                events.Add(e);
            }

            Assert.True(created);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(
                [JobState.Queued, JobState.Running, JobState.Succeeded],
                events.Where(e => e.Kind == JobEventKind.State).Select(e => e.State!.Value));
            Assert.Contains(events, e => e.Kind == JobEventKind.Incumbent && e.Objective is not null);
            Assert.Equal(720, events[^1].Objective!.Value, 6);

            // What the service broadcast live is what is stored; a second replica reads the same.
            using var replica = database.Open();
            Assert.Equal(events, await replica.GetEventsAsync(job.Id, 0, CancellationToken.None));
            var final = await replica.GetAsync(job.Id, CancellationToken.None);
            var result = await replica.GetResultAsync(job.Id, CancellationToken.None);
            Assert.Equal((JobState.Succeeded, events[^1].Sequence), (final!.State, final.LastSequence));
            Assert.True(final.StartedAt >= final.CreatedAt && final.FinishedAt >= final.StartedAt);
            Assert.Equal(Termination.Optimal, result!.Solver.Termination);
            Assert.Equal(60, result.Policy!.Stockpiles.Single().Tonnes, 6);
            Assert.Equal(job.Fingerprint, result.Fingerprint);

            // The same request id through another replica's service returns the same job.
            var other = Service(replica);
            var (again, createdAgain) = await other.SubmitAsync(
                new JobSubmission("req-e2e", ValidatedInstance.Require(JobInstances.Newsvendor()), new SolveOptions()), CancellationToken.None);
            Assert.Equal((job.Id, false, JobState.Succeeded), (again.Id, createdAgain, again.State));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [PostgresFact]
    public async Task A_queued_job_is_cancelled_and_a_restarted_service_recovers_what_was_left_running()
    {
        using (var first = database.Open())
        {
            var stopped = Service(first); // never started: submissions stay QUEUED
            var (cancelMe, _) = await stopped.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(JobInstances.Newsvendor()), new SolveOptions()), CancellationToken.None);
            var (orphan, _) = await stopped.SubmitAsync(new JobSubmission(null, ValidatedInstance.Require(JobInstances.Newsvendor("orphan")), new SolveOptions()), CancellationToken.None);
            var cancelled = await stopped.CancelAsync(cancelMe.Id, CancellationToken.None);
            Assert.Equal(JobState.Cancelled, cancelled!.State);
            // As a host that took the job and died would have left it.
            await first.TransitionAsync(orphan.Id, JobState.Queued, new JobTransition(JobState.Running, DateTimeOffset.UtcNow, "running"), CancellationToken.None);
        }

        var store = database.Open();
        var service = Service(store);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var orphanId = (await store.ListAsync(null, 10, null, CancellationToken.None)).Jobs.Single(j => j.State != JobState.Cancelled).Id;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var events = new List<JobEvent>();
            await foreach (var e in service.WatchAsync(orphanId, 0, timeout.Token))
            {
                events.Add(e);
            }

            Assert.Equal(
                ["queued", "running", "re-queued after host restart"],
                events.Where(e => e.Kind == JobEventKind.State).Take(3).Select(e => e.Message));
            Assert.Equal(JobState.Succeeded, events[^1].State);
            Assert.Equal(2, (await store.GetInStateAsync(JobState.Succeeded, CancellationToken.None)).Single().Attempts);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}

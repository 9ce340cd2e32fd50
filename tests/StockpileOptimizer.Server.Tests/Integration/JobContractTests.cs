using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Job conventions over the real host (docs/api.md, docs/reliability.md "Findings"): a request
/// id names one request, a cancelled job carries its note, and a watch past a finished job's
/// last event ends at once.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class JobContractTests
{
    [Fact]
    public async Task A_request_id_given_again_with_a_different_request_is_failed_precondition_on_request_id()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var first = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(30), requestId: "run-1"));

        var again = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(30), requestId: "run-1"));
        var otherOptions = await Assert.ThrowsAsync<RpcException>(() =>
            client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(31), requestId: "run-1")).ResponseAsync);
        var otherInstance = await Assert.ThrowsAsync<RpcException>(() =>
            client.StartSolveAsync(Jobs.Start(TestInstances.Tiny() with { Name = "another" }, TimeSpan.FromSeconds(30), requestId: "run-1")).ResponseAsync);

        Assert.Equal(first.Name, again.Name);
        foreach (var (error, field) in new[] { (otherOptions, "options"), (otherInstance, "instance") })
        {
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Equal(
                $"requestId \"run-1\" was already used for job {first.Name["jobs/".Length..]} with a different {field}; use a new requestId for a different request",
                error.Status.Detail);
            var violation = error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Single();
            Assert.Equal(("REQUEST_ID_REUSED", "requestId"), (violation.Type, violation.Subject));
        }
        var listed = await client.ListJobsAsync(new V1.ListJobsRequest());
        Assert.Equal([first.Name], listed.Jobs.Select(j => j.Name));
    }

    /// <summary>
    /// One solve slot: a held job runs, a second waits. Cancelling the waiting one ends it
    /// CANCELLED with its note in <c>error</c>, as the running one gets its own when cancelled.
    /// </summary>
    [Fact]
    public async Task A_cancelled_queued_job_carries_its_note_as_a_running_one_does()
    {
        await using var host = new StockpileHost(Jobs.Held(new Dictionary<string, string?> { ["Jobs:MaxConcurrentSolves"] = "1" }));
        var client = host.Client;
        var (running, _) = await Jobs.StartHeldSolve(client);
        var queued = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny()));
        Assert.Equal(V1.JobState.Queued, queued.State);

        var cancelledQueued = await client.CancelJobAsync(new V1.CancelJobRequest { Name = queued.Name });
        await client.CancelJobAsync(new V1.CancelJobRequest { Name = running.Name });
        var runningEvents = await Jobs.WatchToEnd(client, running.Name);
        var cancelledRunning = await client.GetJobAsync(new V1.GetJobRequest { Name = running.Name });

        Assert.Equal((V1.JobState.Cancelled, "cancelled before it ran"), (cancelledQueued.State, cancelledQueued.Error));
        Assert.Equal("cancelled before it ran", (await client.GetJobAsync(new V1.GetJobRequest { Name = queued.Name })).Error);
        Assert.Equal(V1.JobState.Cancelled, cancelledRunning.State);
        Assert.NotEqual("", cancelledRunning.Error);
        Assert.Equal(runningEvents[^1].Message, cancelledRunning.Error);
    }

    /// <summary>
    /// A watch from a finished job's last event (or later) has nothing more to send: it ends at
    /// once with OK and no events, rather than waiting for events that will not come, and its
    /// trailer "stockpile-job-state" says the job has ended and how.
    /// </summary>
    [Fact]
    public async Task A_watch_after_the_last_event_of_a_finished_job_ends_at_once()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(30)));
        var all = await Jobs.WatchToEnd(client, job.Name);
        var last = all[^1].Sequence;

        var fromLast = await Jobs.WatchToEnd(client, job.Name, after: last);
        var beyond = await Jobs.WatchToEnd(client, job.Name, after: last + 5);
        var fromBefore = await Jobs.WatchToEnd(client, job.Name, after: last - 1);

        Assert.Equal(V1.JobState.Succeeded, all[^1].State);
        Assert.Empty(fromLast);
        Assert.Empty(beyond);
        Assert.Equal([all[^1]], fromBefore);

        using var call = client.WatchJob(new V1.WatchJobRequest { Name = job.Name, AfterSequence = last });
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("SUCCEEDED", call.GetTrailers().GetValue("stockpile-job-state"));
    }
}

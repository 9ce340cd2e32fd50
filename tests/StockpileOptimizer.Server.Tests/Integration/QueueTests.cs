using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class QueueTests
{
    /// <summary>One solve at a time and one place in the queue: a held job runs, a second waits, a third is refused.</summary>
    private static readonly Dictionary<string, string?> OneSlotOneSeat = Jobs.Held(new Dictionary<string, string?>
    {
        ["Jobs:MaxConcurrentSolves"] = "1",
        ["Jobs:QueueCapacity"] = "1",
    });

    [Fact]
    public async Task A_full_queue_is_resource_exhausted_with_retry_info()
    {
        await using var host = new StockpileHost(OneSlotOneSeat);
        var client = host.Client;
        var (running, _) = await Jobs.StartHeldSolve(client);
        var queued = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny()));
        Assert.Equal(V1.JobState.Queued, queued.State);

        var startError = await Assert.ThrowsAsync<RpcException>(() => client.StartSolveAsync(Jobs.Start(TestInstances.Tiny())).ResponseAsync);
        var solveError = await Assert.ThrowsAsync<RpcException>(() =>
            client.SolveAsync(new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Tiny()).Instance }).ResponseAsync);

        foreach (var error in new[] { startError, solveError })
        {
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            var retry = error.GetRpcStatus()?.GetDetail<RetryInfo>();
            Assert.NotNull(retry);
            Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        }

        // A retry once a seat is free goes through.
        await client.CancelJobAsync(new V1.CancelJobRequest { Name = queued.Name });
        var retried = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny()));
        Assert.Equal(V1.JobState.Queued, retried.State);
        await client.CancelJobAsync(new V1.CancelJobRequest { Name = running.Name });
    }

    /// <summary>
    /// A Solve whose deadline passes while its job waits behind a long one is
    /// DEADLINE_EXCEEDED, and its job is cancelled rather than left to run for nobody.
    /// </summary>
    [Fact]
    public async Task A_solve_still_queued_at_its_deadline_is_deadline_exceeded_and_its_job_cancelled()
    {
        await using var host = new StockpileHost(OneSlotOneSeat);
        var client = host.Client;
        var (running, _) = await Jobs.StartHeldSolve(client);

        // The slot stays taken until the test cancels the held solve: the Solve cannot leave the queue.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.SolveAsync(
            new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Tiny()).Instance }, StockpileHost.Deadline(TimeSpan.FromSeconds(5))).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.DeadlineExceeded, error.ToString());
        var abandoned = await WaitForCancelled(client);
        Assert.NotEqual(running.Name, abandoned.Name);
        await client.CancelJobAsync(new V1.CancelJobRequest { Name = running.Name });
    }

    /// <summary>
    /// A Solve with a short deadline gets the deadline less the margin as its time limit: it
    /// answers in time with a TIME_LIMIT result, not an error.
    /// </summary>
    [Fact]
    public async Task A_solve_with_a_short_deadline_answers_with_a_time_limit_result()
    {
        // 12 s deadline, 6 s margin: the solve gets at most 6 s (the margin may take at most half
        // of what remains). Held, it can only end by that limit or a cancel; without the deadline
        // rule it would have the default 60 s and the call would end DEADLINE_EXCEEDED, so a
        // TIME_LIMIT answer within the deadline is the rule at work.
        await using var host = new StockpileHost(Jobs.Held(new Dictionary<string, string?> { ["Server:DeadlineMargin"] = "00:00:06" }));

        var result = await host.Client.SolveAsync(
            new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Tiny()).Instance }, StockpileHost.Deadline(TimeSpan.FromSeconds(12)));

        Assert.Equal(V1.Termination.TimeLimit, result.Solver.Termination);
        Assert.Contains(Jobs.HoldKey, result.Solver.Message, StringComparison.Ordinal);
        // The limit the job ran with, as its RUNNING event states it: the call's, not the default 60 s.
        var job = Assert.Single((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
        var running = (await Jobs.WatchToEnd(host.Client, job.Name)).Single(e => e.State == V1.JobState.Running);
        var limit = double.Parse(
            System.Text.RegularExpressions.Regex.Match(running.Message, @"time limit ([0-9.]+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(limit, 0.001, 6);
    }

    /// <summary>Polls until a job is CANCELLED (at most <see cref="Jobs.Patience"/>).</summary>
    private static async Task<V1.Job> WaitForCancelled(V1.StockpileService.StockpileServiceClient client)
    {
        var until = DateTime.UtcNow + Jobs.Patience;
        while (DateTime.UtcNow < until)
        {
            var cancelled = await client.ListJobsAsync(new V1.ListJobsRequest { State = V1.JobState.Cancelled });
            if (cancelled.Jobs.Count > 0)
            {
                return Assert.Single(cancelled.Jobs);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the abandoned solve's job was not cancelled");
    }
}

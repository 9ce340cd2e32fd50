using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class QueueTests
{
    /// <summary>One solve at a time and one place in the queue: a long job runs, a second waits, a third is refused.</summary>
    private static readonly Dictionary<string, string?> OneSlotOneSeat = new()
    {
        ["Jobs:MaxConcurrentSolves"] = "1",
        ["Jobs:QueueCapacity"] = "1",
    };

    [Fact]
    public async Task A_full_queue_is_resource_exhausted_with_retry_info()
    {
        await using var host = new StockpileHost(OneSlotOneSeat);
        var client = host.Client;
        var (running, _) = await Jobs.StartLongSolve(client);
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
        var (running, _) = await Jobs.StartLongSolve(client);

        // The slot stays taken until the test cancels the huge solve: the Solve cannot leave the queue.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.SolveAsync(
            new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Tiny()).Instance }, StockpileHost.Deadline(TimeSpan.FromSeconds(5))).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.DeadlineExceeded, error.ToString());
        var abandoned = await WaitForCancelled(client);
        Assert.NotEqual(running.Name, abandoned.Name);
        await client.CancelJobAsync(new V1.CancelJobRequest { Name = running.Name });
    }

    /// <summary>
    /// A Solve with a short deadline on a long instance gets the deadline less the margin as
    /// its time limit: it answers in time with a TIME_LIMIT result, not an error.
    /// </summary>
    [Fact]
    public async Task A_solve_with_a_short_deadline_answers_with_a_time_limit_result()
    {
        // 12 s deadline, 6 s margin: the solver gets 6 s (the margin may take at most half of
        // what remains) and building the model, which the time limit does not cover, has the
        // other 6 s less the answer's slack. The huge instance's root LP alone outlasts 6 s
        // (see TestInstances.Huge), and its model builds in under 1 s. Without the deadline rule the solve would have the
        // default 60 s and the call would end DEADLINE_EXCEEDED: a TIME_LIMIT answer within
        // the deadline is the rule at work.
        await using var host = new StockpileHost(new Dictionary<string, string?> { ["Server:DeadlineMargin"] = "00:00:06" });

        var result = await host.Client.SolveAsync(
            new V1.SolveRequest { Instance = Jobs.Start(TestInstances.Huge()).Instance }, StockpileHost.Deadline(TimeSpan.FromSeconds(12)));

        Assert.True(V1.Termination.TimeLimit == result.Solver.Termination, $"{result.Solver.Termination} after {result.Solver.WallSeconds} s");
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

using Grpc.Core;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class RestartTests
{
    /// <summary>
    /// The host stops (gracefully, with no grace for solves) while a job runs; a new host on
    /// the same data directory takes it up again and it ends SUCCEEDED. Its events go on
    /// numbering where they stopped, so a watcher resumes across the restart.
    /// </summary>
    [Fact]
    public async Task A_job_running_when_the_host_stops_succeeds_after_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-restart-test-").FullName;
        try
        {
            string name;
            long seen;
            await using (var first = new StockpileHost(Jobs.Held(), dataDirectory: directory))
            {
                // Held, asking for 600 s: it cannot end on its own before the stop.
                var job = await first.Client.StartSolveAsync(Jobs.Start(TestInstances.Tiny(), TimeSpan.FromSeconds(600)));
                name = job.Name;
                seen = (await Jobs.WatchUntilRunning(first.Client, name))[^1].Sequence;
            }

            // The second host holds too and allows at most 3 s per solve: the re-run can end only by that limit.
            await using var second = new StockpileHost(ThreeSecondsAtMost, dataDirectory: directory);
            var rest = await Jobs.WatchToEnd(second.Client, name, after: seen);

            Assert.Equal(Enumerable.Range((int)seen + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            var handedBack = rest.First(e => e.Kind == V1.JobEventKind.StateChange);
            Assert.Equal(V1.JobState.Queued, handedBack.State);
            Assert.StartsWith("re-queued", handedBack.Message, StringComparison.Ordinal); // at the stop, or at the restart
            Assert.Contains(rest, e => e.State == V1.JobState.Running && e.Message.Contains("asked 600 s; the server's maximum", StringComparison.Ordinal));
            Assert.Equal(V1.JobState.Succeeded, rest[^1].State);
            var job2 = await second.Client.GetJobAsync(new V1.GetJobRequest { Name = name });
            Assert.Equal(V1.JobState.Succeeded, job2.State);
            // Stopped by its 3 s: a result all the same.
            Assert.Equal(V1.Termination.TimeLimit, job2.Result.Solver.Termination);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly Dictionary<string, string?> ThreeSecondsAtMost = Jobs.Held(new Dictionary<string, string?>
    {
        ["Jobs:DefaultTimeLimitSeconds"] = "3",
        ["Jobs:MaxTimeLimitSeconds"] = "3",
    });

    /// <summary>
    /// Once the server begins to stop, an open watch ends UNAVAILABLE (the signal to reconnect
    /// and resume) and new calls are refused UNAVAILABLE. (The stop is signalled through the
    /// application lifetime, as SIGTERM does: the in-memory test server cannot deliver
    /// trailers after it is disposed.)
    /// </summary>
    [Fact]
    public async Task When_the_host_stops_an_open_watch_and_new_calls_are_unavailable()
    {
        await using var host = new StockpileHost(Jobs.Held());
        var client = host.Client;
        var (job, running) = await Jobs.StartHeldSolve(client);
        using var watch = client.WatchJob(new V1.WatchJobRequest { Name = job.Name, AfterSequence = running.Sequence - 1 });
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(running, watch.ResponseStream.Current);

        host.BeginStopping();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext())
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetJobAsync(new V1.GetJobRequest { Name = job.Name }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }
}

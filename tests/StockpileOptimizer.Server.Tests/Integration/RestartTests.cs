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
            await using (var first = new StockpileHost(dataDirectory: directory))
            {
                // Large with a 3 s limit: surely running at the stop, and short after the restart.
                var job = await first.Client.StartSolveAsync(Jobs.Start(TestInstances.Large(), TimeSpan.FromSeconds(3)));
                name = job.Name;
                seen = (await Jobs.WatchUntilRunning(first.Client, name))[^1].Sequence;
            }

            await using var second = new StockpileHost(dataDirectory: directory);
            var rest = await Jobs.WatchToEnd(second.Client, name, after: seen);

            Assert.Equal(Enumerable.Range((int)seen + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            Assert.Equal(V1.JobState.Succeeded, rest[^1].State);
            var job2 = await second.Client.GetJobAsync(new V1.GetJobRequest { Name = name });
            Assert.Equal(V1.JobState.Succeeded, job2.State);
            // 3 s may end before the first incumbent of this instance: a result either way.
            Assert.Equal(V1.Termination.TimeLimit, job2.Result.Solver.Termination);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Once the server begins to stop, an open watch ends UNAVAILABLE (the signal to reconnect
    /// and resume) and new calls are refused UNAVAILABLE. (The stop is signalled through the
    /// application lifetime, as SIGTERM does: the in-memory test server cannot deliver
    /// trailers after it is disposed.)
    /// </summary>
    [Fact]
    public async Task When_the_host_stops_an_open_watch_and_new_calls_are_unavailable()
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var (job, running) = await Jobs.StartLongSolve(client);
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

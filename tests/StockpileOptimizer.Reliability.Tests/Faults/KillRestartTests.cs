using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Faults;

/// <summary>
/// kill -9 of the server process (a real child process) mid-solve, then a restart on the same
/// data directory: no job is lost. Each ends SUCCEEDED (re-queued and run again), or FAILED
/// with a reason when it has brought the host down too often; finished results are kept
/// byte for byte; an acknowledged submission is never lost; a request_id still names its job.
/// </summary>
public sealed class KillRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [SlowFact]
    [Trait("Category", "Slow")]
    public async Task A_host_killed_mid_solve_loses_no_job_and_finishes_them_after_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-kill-").FullName;
        try
        {
            string finished, running;
            string[] queued;
            V1.SolveResult finishedResult;
            long seenBeforeKill;
            // The first host holds its solves (Jobs:TestHoldSolvesUntilCancelled): one ends by its 1 s
            // limit, the next, asking for 600 s, cannot end on its own before the kill.
            await using (var first = await ServerProcess.StartServingAsync(directory, Held))
            {
                var client = first.Client;
                finished = (await client.StartSolveAsync(Start(Instances.Newsvendor(), "finished", 1))).Name;
                finishedResult = (await Jobs.WaitUntilEnded(client, finished, Patience)).Result;
                running = (await client.StartSolveAsync(RunningRequest)).Name;
                seenBeforeKill = (await Jobs.WaitUntilRunning(client, running, Patience)).Sequence;
                queued = await Task.WhenAll(Enumerable.Range(1, 2).Select(async i =>
                    (await client.StartSolveAsync(Start(Instances.Small(i), $"queued-{i}", 10))).Name));
                Assert.Equal(V1.JobState.Running, (await client.GetJobAsync(new V1.GetJobRequest { Name = running })).State);

                await first.KillHardAsync();
                Assert.True(first.HasExited);
            }

            var restart = Stopwatch.StartNew();
            // The restarted host solves (not held), at most 4 s per solve.
            await using var second = await ServerProcess.StartServingAsync(directory, FourSecondsAtMost);
            var serving = restart.Elapsed;
            var client2 = second.Client;
            // The killed solve: re-queued at start-up, run again, SUCCEEDED; its events go on from where the watcher stopped.
            var rest = await Jobs.WatchToEnd(client2, running, seenBeforeKill, Patience);
            var recovered = restart.Elapsed;
            Assert.Equal(Enumerable.Range((int)seenBeforeKill + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            Assert.Contains(rest, e => e.State == V1.JobState.Queued && e.Message.Contains("re-queued", StringComparison.Ordinal));
            Assert.Contains(rest, e => e.State == V1.JobState.Running && e.Message.Contains("asked 600 s; the server's maximum", StringComparison.Ordinal));
            Assert.Equal(V1.JobState.Succeeded, rest[^1].State);

            var jobs = await Jobs.ListAll(client2);
            Assert.Equal(new[] { finished, running, queued[0], queued[1] }.Order(), jobs.Select(j => j.Name).Order());
            foreach (var name in queued)
            {
                Assert.Equal(V1.JobState.Succeeded, (await Jobs.WaitUntilEnded(client2, name, Patience)).State);
            }
            // What had finished before the kill is unchanged, and request_ids still name their jobs.
            var again = await client2.GetJobAsync(new V1.GetJobRequest { Name = finished });
            Assert.Equal(V1.JobState.Succeeded, again.State);
            Assert.Equal(finishedResult, again.Result);
            Assert.Equal(running, (await client2.StartSolveAsync(RunningRequest)).Name);
            Assert.Equal(4, (await Jobs.ListAll(client2)).Count);
            await GoodRequest.AssertServedAsync(client2);

            Figures.Write(output, "faults-kill", $"kill -9 mid-solve with one job finished, one running and two queued: the restarted host " +
                $"served after {Figures.F(serving.TotalSeconds, "0.0")} s; the killed job was re-queued and SUCCEEDED " +
                $"{Figures.F(recovered.TotalSeconds, "0.0")} s after the restart (its solve included), its event numbers " +
                $"continuing without a gap; the queued ones SUCCEEDED; the finished result was unchanged; no job lost or added.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A job that is running each time the host dies is failed, with the reason, once it has used Jobs:MaxAttempts.</summary>
    [SlowFact]
    [Trait("Category", "Slow")]
    public async Task A_job_running_at_every_crash_is_failed_with_the_reason_after_MaxAttempts()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-kill-").FullName;
        var settings = new Dictionary<string, string>(Held) { ["Jobs:MaxAttempts"] = "2" };
        try
        {
            string name;
            await using (var first = await ServerProcess.StartServingAsync(directory, settings))
            {
                name = (await first.Client.StartSolveAsync(Start(Instances.Newsvendor(), "doomed", 60))).Name; // held: cannot end on its own before the kill
                await Jobs.WaitUntilRunning(first.Client, name, Patience);
                await first.KillHardAsync();
            }
            await using (var second = await ServerProcess.StartServingAsync(directory, settings))
            {
                // Re-queued (attempt 1 of 2) and running again.
                await Jobs.WaitUntilRunning(second.Client, name, Patience);
                await second.KillHardAsync();
            }
            await using var third = await ServerProcess.StartServingAsync(directory, settings);
            var job = await Jobs.WaitUntilEnded(third.Client, name, Patience);

            Assert.Equal(V1.JobState.Failed, job.State);
            Assert.Contains("MaxAttempts", job.Error, StringComparison.Ordinal);
            var events = await Jobs.WatchToEnd(third.Client, name, 0, Patience);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(2, events.Count(e => e.Kind == V1.JobEventKind.StateChange && e.State == V1.JobState.Running));
            Figures.Write(output, "faults-attempts", $"A job running at two kills in a row (Jobs:MaxAttempts = 2) ended FAILED: \"{job.Error}\"; " +
                $"its {events.Count} events numbered 1…{events.Count} without a gap.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// 20 clients submit without pause; the host is killed once 150 submissions are acknowledged: every submission that was acknowledged is
    /// in the store after the restart, and retrying every submission with its request_id
    /// afterwards gives exactly one job per request_id (the acknowledged one where there was one).
    /// </summary>
    [SlowFact]
    [Trait("Category", "Slow")]
    public async Task Acknowledged_submissions_survive_a_kill_and_request_id_retries_give_one_job_each()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-kill-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Jobs:QueueCapacity"] = "1000", ["Jobs:MaxConcurrentSolves"] = "2", ["Logging:LogLevel:Default"] = "Warning",
        };
        try
        {
            var acknowledged = new ConcurrentDictionary<string, string>();
            var sent = new ConcurrentBag<string>();
            var outcomes = new ConcurrentDictionary<StatusCode, int>();
            var instance = DomainMapping.ToProto(Instances.Newsvendor());
            await using (var first = await ServerProcess.StartServingAsync(directory, settings))
            {
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, 20).Select(c => Task.Run(async () =>
                {
                    using var channel = first.NewChannel();
                    var client = new V1.StockpileService.StockpileServiceClient(channel);
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var id = $"crash-{c}-{n}";
                        sent.Add(id);
                        var answer = await Answer.Of(() => client.StartSolveAsync(
                            new V1.StartSolveRequest { Instance = instance, RequestId = id }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
                        outcomes.AddOrUpdate(answer.Status, 1, (_, k) => k + 1);
                        if (answer.Response is V1.Job job)
                        {
                            acknowledged[id] = job.Name;
                        }
                        else
                        {
                            return; // the host is gone (nothing else refuses: the queue holds 1000)
                        }
                    }
                })).ToList();
                // Kill while the submissions are in full flow (20 in flight at any moment).
                while (acknowledged.Count < 150)
                {
                    await Task.Delay(5);
                }
                await first.KillHardAsync();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
            }

            await using var second = await ServerProcess.StartServingAsync(directory, settings);
            var client2 = second.Client;
            var stored = await Jobs.ListAll(client2);
            var storedById = stored.ToDictionary(j => j.RequestId, j => j.Name);
            var lost = acknowledged.Where(kv => !storedById.TryGetValue(kv.Key, out var name) || name != kv.Value).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged jobs lost, e.g. {lost.FirstOrDefault()}");

            // Retry everything that was sent, as clients that lost their answers would.
            var retried = 0;
            foreach (var id in sent.Distinct())
            {
                var job = await client2.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, RequestId = id });
                retried++;
                if (acknowledged.TryGetValue(id, out var name))
                {
                    Assert.Equal(name, job.Name);
                }
            }
            var after = await Jobs.ListAll(client2);
            Assert.All(after.GroupBy(j => j.RequestId), g => Assert.Single(g));
            Assert.Equal(sent.Distinct().Count(), after.Count);
            foreach (var job in after)
            {
                Assert.True(Jobs.IsTerminal((await Jobs.WaitUntilEnded(client2, job.Name, Patience)).State));
            }
            Figures.Write(output, "faults-submissions", $"20 clients submitting when the host was killed: {sent.Count} submissions sent, " +
                $"{acknowledged.Count} acknowledged (answers: {string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} × {kv.Value}"))}); " +
                $"after the restart all {acknowledged.Count} acknowledged jobs were in the store ({stored.Count} stored in all); " +
                $"retrying all {retried} request_ids gave exactly one job each, and every job ended.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly Dictionary<string, string> FourSecondsAtMost = new()
    {
        ["Jobs:DefaultTimeLimitSeconds"] = "4", ["Jobs:MaxTimeLimitSeconds"] = "4",
    };

    /// <summary>Solve jobs wait until cancelled or their time limit, without solving.</summary>
    private static readonly Dictionary<string, string> Held = new() { ["Jobs:TestHoldSolvesUntilCancelled"] = "true" };

    private static V1.StartSolveRequest RunningRequest => Start(Instances.Newsvendor(), "running", 600);

    private static V1.StartSolveRequest Start(Domain.StockpileInstance instance, string requestId, int seconds) => new()
    {
        Instance = DomainMapping.ToProto(instance),
        RequestId = requestId,
        Options = new V1.SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) },
    };
}

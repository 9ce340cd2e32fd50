using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Load;

/// <summary>
/// 50 concurrent clients, each on its own connection to the server as a child process on a
/// loopback port, for a bounded time (5 s in the fast run, 20 s in the full one), mixing Solve
/// of tiny instances, StartSolve (with request_id retries, some of them concurrent) + GetJob,
/// and ValidateScenario. Every request gets an answer: a result, or RESOURCE_EXHAUSTED with
/// RetryInfo (after which the client waits as told); every StartSolve'd job reaches a terminal
/// state; each request_id is one job; every Solve answered OK is one job; latency percentiles
/// go to the output and docs/reliability.md.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> LoadSettings = new()
    {
        ["Jobs:MaxConcurrentSolves"] = "2",
        ["Jobs:QueueCapacity"] = "16",
        ["Jobs:DefaultTimeLimitSeconds"] = "10",
        ["Server:QueueFullRetryDelay"] = "00:00:00.250",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static readonly V1.StockpileInstance Newsvendor = DomainMapping.ToProto(Instances.Newsvendor());
    private static readonly V1.StockpileInstance Bigger = DomainMapping.ToProto(Instances.Newsvendor(demandScale: 1.5));
    private static readonly V1.StockpileInstance Rich = DomainMapping.ToProto(Instances.Rich());

    [Fact]
    [Trait("Category", "Load")]
    public async Task Every_request_under_load_is_answered_and_no_job_is_lost_or_duplicated()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-load-").FullName;
        try
        {
            await using var server = await ServerProcess.StartServingAsync(directory, LoadSettings);
            var log = new LoadLog();
            var duration = Suite.LoadDuration;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Suite.LoadClients).Select(i => Task.Run(() => Client(server, i, clock, duration, log))));
            var window = clock.Elapsed;

            Assert.True(log.Failures.IsEmpty, $"{log.Failures.Count} requests not answered as allowed; first: {log.Failures.FirstOrDefault()}");

            // No job lost: every job a StartSolve returned ends; then the store holds exactly the jobs handed out.
            var drain = Stopwatch.StartNew();
            var client = server.Client;
            foreach (var name in log.JobsByRequestId.Values.Distinct())
            {
                await Jobs.WaitUntilEnded(client, name, TimeSpan.FromSeconds(120));
            }
            var drained = drain.Elapsed;
            var jobs = await Jobs.ListAll(client);
            var byRequestId = jobs.Where(j => j.RequestId.Length > 0).GroupBy(j => j.RequestId).ToList();
            Assert.All(byRequestId, g => Assert.True(g.Count() == 1, $"request_id {g.Key} has {g.Count()} jobs"));
            Assert.Equal(log.JobsByRequestId.Count, byRequestId.Count);
            Assert.All(byRequestId, g => Assert.Equal(log.JobsByRequestId[g.Key], g.Single().Name));
            var solveJobs = jobs.Count(j => j.RequestId.Length == 0);
            Assert.Equal(log.SolvesAnswered, solveJobs);
            Assert.All(jobs, j => Assert.True(j.State == V1.JobState.Succeeded, $"{j.Name} ({j.RequestId}) ended {j.State}: {j.Error}"));
            await GoodRequest.AssertServedAsync(client);
            Assert.False(server.HasExited);
            var errors = server.Output.Split('\n').Where(l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"the server logged {errors.Count} errors, first: {errors.FirstOrDefault()}");

            Figures.Write(output, "load", log.Report(window, drained, jobs));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Client(ServerProcess server, int index, Stopwatch clock, TimeSpan duration, LoadLog log)
    {
        using var channel = server.NewChannel();
        var client = new V1.StockpileService.StockpileServiceClient(channel);
        var random = new Random(1000 + index);
        var mine = new List<string>();
        var n = 0;
        while (clock.Elapsed < duration)
        {
            var roll = random.Next(100);
            Answer answer;
            string op;
            var recorded = false;
            if (roll < 30)
            {
                op = "Solve";
                var instance = random.Next(2) == 0 ? Newsvendor : Bigger;
                answer = await Answer.Of(() => client.SolveAsync(new V1.SolveRequest { Instance = instance }, Deadline()).ResponseAsync);
                if (answer.Response is V1.SolveResult result)
                {
                    Interlocked.Increment(ref log.SolvesAnswered);
                    if (instance == Newsvendor && !IsNewsvendorOptimum(result))
                    {
                        log.Failures.Enqueue($"Solve of the newsvendor gave {result.Solver}");
                    }
                }
            }
            else if (roll < 55)
            {
                op = "StartSolve";
                var requestId = $"load-{index}-{n++}";
                var request = new V1.StartSolveRequest { Instance = Newsvendor, RequestId = requestId };
                if (random.Next(20) == 0)
                {
                    // The same request_id twice at once (a client that retried too early): one job.
                    op = "StartSolve ×2";
                    var pair = await Task.WhenAll(
                        Answer.Of(() => client.StartSolveAsync(request, Deadline()).ResponseAsync),
                        Answer.Of(() => client.StartSolveAsync(request, Deadline()).ResponseAsync));
                    var names = pair.Select(a => (a.Response as V1.Job)?.Name).OfType<string>().Distinct().ToList();
                    if (names.Count > 1)
                    {
                        log.Failures.Enqueue($"request_id {requestId} sent twice at once gave two jobs: {string.Join(", ", names)}");
                    }
                    log.Record(op, pair[0]);
                    log.Record(op, pair[1]);
                    recorded = true;
                    answer = pair[0].Ok || !pair[1].Ok ? pair[0] : pair[1];
                }
                else
                {
                    answer = await Answer.Of(() => client.StartSolveAsync(request, Deadline()).ResponseAsync);
                }
                if (answer.Response is V1.Job job)
                {
                    log.Started(requestId, job.Name);
                    mine.Add(job.Name);
                    if (random.Next(5) == 0)
                    {
                        // A retry with the same request_id after the answer: the same job.
                        var retry = await Answer.Of(() => client.StartSolveAsync(request, Deadline()).ResponseAsync);
                        log.Record("StartSolve retry", retry);
                        if (retry.Response is V1.Job again && again.Name != job.Name)
                        {
                            log.Failures.Enqueue($"retry of request_id {requestId} gave {again.Name}, not {job.Name}");
                        }
                        await Backoff(retry);
                    }
                }
            }
            else if (roll < 70 && mine.Count > 0)
            {
                op = "GetJob";
                var name = mine[random.Next(mine.Count)];
                answer = await Answer.Of(() => client.GetJobAsync(new V1.GetJobRequest { Name = name }, Deadline()).ResponseAsync);
            }
            else
            {
                op = "ValidateScenario";
                var instance = random.Next(2) == 0 ? Newsvendor : Rich;
                answer = await Answer.Of(() => client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }, Deadline()).ResponseAsync);
            }
            if (!recorded)
            {
                log.Record(op, answer);
            }
            await Backoff(answer);
        }
    }

    /// <summary>After RESOURCE_EXHAUSTED, wait as RetryInfo says (at most 1 s), as a well-behaved client does.</summary>
    private static Task Backoff(Answer answer) =>
        answer.Status == StatusCode.ResourceExhausted && answer.RetryInfo is { } retry
            ? Task.Delay(TimeSpan.FromTicks(Math.Min(retry.RetryDelay.ToTimeSpan().Ticks, TimeSpan.TicksPerSecond)))
            : Task.CompletedTask;

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(120));

    private static bool IsNewsvendorOptimum(V1.SolveResult result) =>
        result.Solver.Termination == V1.Termination.Optimal
        && Math.Abs(result.Solver.ObjectiveUsd.GetValueOrDefault() - HandInstances.NewsvendorObjective) < 1e-6
        && result.Policy.Stockpiles.Count == 1 && Math.Abs(result.Policy.Stockpiles[0].Tonnes - HandInstances.NewsvendorStock) < 1e-6;

    private sealed class LoadLog
    {
        public readonly ConcurrentQueue<string> Failures = new();
        public readonly ConcurrentDictionary<string, string> JobsByRequestId = new();
        public int SolvesAnswered;
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> ok = new();
        private readonly ConcurrentDictionary<string, int> exhausted = new();

        public void Started(string requestId, string name)
        {
            var known = JobsByRequestId.GetOrAdd(requestId, name);
            if (known != name)
            {
                Failures.Enqueue($"request_id {requestId} gave {known} and {name}");
            }
        }

        public void Record(string op, Answer answer)
        {
            switch (answer.Status)
            {
                case StatusCode.OK:
                    ok.GetOrAdd(op, _ => []).Add(answer.Latency.TotalMilliseconds);
                    break;
                case StatusCode.ResourceExhausted when answer.RetryInfo is not null:
                    exhausted.AddOrUpdate(op, 1, (_, n) => n + 1);
                    break;
                default:
                    Failures.Enqueue($"{op}: {answer}");
                    break;
            }
        }

        public string Report(TimeSpan window, TimeSpan drained, IReadOnlyList<V1.Job> jobs)
        {
            var ops = ok.Keys.Concat(exhausted.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var all = ok.Values.SelectMany(b => b).Order().ToList();
            var rows = ops.Select(op =>
            {
                var sorted = (ok.TryGetValue(op, out var bag) ? bag : []).Order().ToList();
                return (IReadOnlyList<string>)
                [
                    op, sorted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    exhausted.GetValueOrDefault(op).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    P(sorted, 0.5), P(sorted, 0.95), P(sorted, 0.99), sorted.Count == 0 ? "–" : Figures.F(sorted[^1], "0"),
                ];
            }).ToList();
            var answered = all.Count + exhausted.Values.Sum();
            var turnaround = jobs.Where(j => j.EndTime is not null && j.CreateTime is not null)
                .Select(j => (j.EndTime.ToDateTime() - j.CreateTime.ToDateTime()).TotalMilliseconds).Order().ToList();
            var table = Figures.Table(["request", "OK", "RESOURCE_EXHAUSTED", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows);
            return $"{Suite.LoadClients} clients, each on its own HTTP/2 connection, for {Figures.F(window.TotalSeconds, "0.0")} s against the server " +
                $"as a child process (2 concurrent solves, queue 16, retry delay 250 ms): {answered} answers " +
                $"({Figures.F(answered / window.TotalSeconds, "0")}/s), {exhausted.Values.Sum()} of them RESOURCE_EXHAUSTED with RetryInfo, " +
                $"none of any other status. Latency of the OK answers (client side, queueing included):\n\n{table}\n" +
                $"{jobs.Count} jobs in the store afterwards = {JobsByRequestId.Count} request_ids (one job each, retries included) + " +
                $"{SolvesAnswered} Solve answers; all SUCCEEDED, the last {Figures.F(drained.TotalSeconds, "0.0")} s after the window closed. " +
                $"Job turnaround (create → end, server clock): p50 {P(turnaround, 0.5)} ms, p95 {P(turnaround, 0.95)} ms, p99 {P(turnaround, 0.99)} ms.";
        }

        private static string P(IReadOnlyList<double> sorted, double q) => sorted.Count == 0 ? "–" : Figures.F(Figures.Percentile(sorted, q), "0");
    }
}

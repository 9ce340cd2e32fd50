using System.Collections.Concurrent;
using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

/// <summary>
/// Generated malformed and hostile requests (FsCheck over the proto request messages): every
/// one is answered INVALID_ARGUMENT with a google.rpc.BadRequest whose field paths name fields
/// of the request, RESOURCE_EXHAUSTED for limits, or (valid after all) a normal answer; never
/// INTERNAL or UNKNOWN, never a crash; and the host then still solves the newsvendor exactly.
/// Every error's trailers are under 8 KiB (<see cref="ErrorTrailers"/>).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>The fuzz host: solves capped at 1 s, so that the few valid requests stay cheap.</summary>
    private static readonly Dictionary<string, string?> FuzzSettings = new()
    {
        ["Jobs:DefaultTimeLimitSeconds"] = "1",
        ["Jobs:MaxTimeLimitSeconds"] = "1",
        ["Server:QueueFullRetryDelay"] = "00:00:00.2",
    };

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Hostile_instance_requests_are_refused_with_field_paths_and_the_host_keeps_serving()
    {
        await using var host = new InProcessHost(FuzzSettings);
        var stats = new FuzzStats();
        var jobs = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();

        var property = Prop.ForAll(HostileRequests.Arbitrary, (FuzzCase c) =>
        {
            var request = HostileRequests.Build(c);
            var answer = Send(host.Client, request).GetAwaiter().GetResult();
            stats.Add(request, answer);
            CheckAnswer(request, answer);
            if (answer.Response is V1.Job job)
            {
                // An accepted job must not fail: a request the server takes must be one it can solve.
                jobs.Add(job.Name);
                var finished = Jobs.WaitUntilEnded(host.Client, job.Name, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
                Assert.True(finished.State != V1.JobState.Failed, $"{request}: accepted as {job.Name}, which then FAILED: {finished.Error}");
            }
        });
        string? failed = null;
        var ended = "not checked";
        try
        {
            Check.One(Config(Suite.FuzzCases), property);
            await GoodRequest.AssertServedAsync(host.Client);
            ended = await AllEnded(host.Client, jobs);
            AssertNoUnexpectedFailures(host);
        }
        catch (Exception e)
        {
            failed = FirstLines(e.Message);
            throw;
        }
        finally
        {
            Figures.Write(output, "fuzz", stats.Report($"{stats.Total} generated requests in {Figures.F(clock.Elapsed.TotalSeconds, "0.0")} s " +
                $"(seed {Suite.FuzzSeed}{(failed is null ? "" : "; shrinking re-runs included")}); {jobs.Count} jobs started by valid StartSolve requests ended: {ended}; " +
                (failed is null
                    ? "afterwards the newsvendor solved to x = 60 t, objective 720 USD."
                    : $"**FAILED**: {failed}")));
        }
    }

    /// <summary>
    /// With Server:MaxReceiveMessageBytes at 64 KiB, a request over the limit is
    /// RESOURCE_EXHAUSTED and one under it is judged on its content, whatever makes it big: a
    /// long string, a long list of demands, a huge demand series or thousands of scenarios.
    /// </summary>
    [Fact]
    public async Task Requests_over_the_receive_size_limit_are_resource_exhausted()
    {
        const int limit = 64 * 1024;
        await using var host = new InProcessHost(new Dictionary<string, string?>(FuzzSettings)
        {
            ["Server:MaxReceiveMessageBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var stats = new FuzzStats();
        var (over, under) = (0, 0);

        var sizes = Gen.Frequency(
            (3, Gen.Choose(limit - 2_000, limit + 2_000)),
            (2, Gen.Choose(limit + 1, 4 * limit)),
            (1, Gen.Choose(4 * limit, 100 * limit)));
        var cases = from method in Gen.Elements(FuzzMethod.Solve, FuzzMethod.StartSolve, FuzzMethod.ValidateScenario)
                    from padding in Gen.Elements(Padding.Name, Padding.Demands, Padding.Series, Padding.Scenarios)
                    from size in sizes
                    select (method, padding, size);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var request = Padded(c.method, c.padding, c.size);
            var bytes = request.Message.CalculateSize();
            var answer = Send(host.Client, request).GetAwaiter().GetResult();
            stats.Add(request, answer);
            if (bytes > limit)
            {
                over++;
                Assert.True(answer.Status == StatusCode.ResourceExhausted, $"{bytes} B > {limit} B: expected RESOURCE_EXHAUSTED, got {answer} for {request}");
            }
            else
            {
                under++;
                Assert.NotEqual(StatusCode.ResourceExhausted, answer.Status);
                CheckAnswer(request, answer);
            }
        });
        Check.One(Config(Suite.OversizeCases), property);

        await GoodRequest.AssertServedAsync(host.Client);
        AssertNoUnexpectedFailures(host);
        Figures.Write(output, "fuzz-size", stats.Report(
            $"Receive limit {limit / 1024} KiB: {over} requests over it (up to 100×) all RESOURCE_EXHAUSTED, {under} under it judged on content."));
    }

    /// <summary>Hostile job names, sequence numbers, page sizes, tokens and states: INVALID_ARGUMENT naming the field, or NOT_FOUND.</summary>
    [Fact]
    public async Task Hostile_job_calls_are_invalid_argument_or_not_found()
    {
        await using var host = new InProcessHost(FuzzSettings);
        var client = host.Client;
        var real = await client.StartSolveAsync(new V1.StartSolveRequest { Instance = GoodRequest.Newsvendor().Instance });
        string[] names =
        [
            "", " ", "jobs/", "jobs", "jobs/nope", "jobs/../jobs/x", "jobs/\0", "jobs/%2e%2e", "jobs/" + new string('a', 100_000), "42",
            "JOBS/" + real.Name[5..], real.Name + "/", real.Name + "x", " " + real.Name, "jobs/'; DROP TABLE jobs; --", "jobs/\u202E",
            "operations/1", "jobs/🙂", "jobs/" + new string('a', 4_000_000), "jobs/" + new string('a', 63), "jobs/" + new string('a', 64),
            "jobs/a\u0007", "jobs/\u2066a",
        ];
        var counts = new ConcurrentDictionary<string, int>();
        var calls = from kind in Gen.Elements("GetJob", "CancelJob", "WatchJob", "ListJobs")
                    from name in Gen.Elements(names)
                    from number in Gen.Elements(long.MinValue, -1L, 0L, 1L, long.MaxValue)
                    from state in Gen.Elements(-1, 0, 3, 6, 99, int.MaxValue)
                    from token in Gen.Elements("", "x", "not-a-token", new string('A', 10_000), "\0", "eyJ9")
                    select (kind, name, number, state, token);
        var property = Prop.ForAll(calls.ToArbitrary(), c =>
        {
            var deadline = new CallOptions(deadline: DateTime.UtcNow.Add(CallDeadline));
            var answer = c.kind switch
            {
                "GetJob" => Answer.Of(() => ErrorTrailers.Checked(() => client.GetJobAsync(new V1.GetJobRequest { Name = c.name }, deadline).ResponseAsync)),
                "CancelJob" => Answer.Of(() => ErrorTrailers.Checked(() => client.CancelJobAsync(new V1.CancelJobRequest { Name = c.name }, deadline).ResponseAsync)),
                "WatchJob" => Answer.Of(() => ErrorTrailers.Checked(() => FirstEvent(client, c.name, c.number))),
                _ => Answer.Of(() => ErrorTrailers.Checked(() => client.ListJobsAsync(
                    new V1.ListJobsRequest { PageSize = (int)Math.Clamp(c.number, int.MinValue, int.MaxValue), PageToken = c.token, State = (V1.JobState)c.state }, deadline).ResponseAsync)),
            };
            var a = answer.GetAwaiter().GetResult();
            counts.AddOrUpdate($"{c.kind} {a.Status}", 1, (_, n) => n + 1);
            Assert.True(a.Status is StatusCode.OK or StatusCode.InvalidArgument or StatusCode.NotFound, $"{c}: {a}");
            if (a.Status == StatusCode.InvalidArgument)
            {
                Assert.True(a.BadRequest is { FieldViolations.Count: > 0 }, $"{c}: INVALID_ARGUMENT without a BadRequest: {a}");
                Assert.All(a.BadRequest!.FieldViolations, v => Assert.Contains(v.Field, new[] { "name", "afterSequence", "pageSize", "pageToken", "state" }));
            }
        });
        Check.One(Config(Suite.JobCallCases), property);

        await GoodRequest.AssertServedAsync(client);
        AssertNoUnexpectedFailures(host);
        Figures.Write(output, "fuzz-jobs", $"{counts.Values.Sum()} hostile job calls: " +
            string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} × {kv.Value}")) + ".");
    }

    /// <summary>
    /// Bytes that are not a request message at all, sent on the wire to Solve, StartSolve and
    /// ValidateScenario: answered with an error status (never a hang or a crash), and the host
    /// keeps serving.
    /// </summary>
    [Fact]
    public async Task Bytes_that_are_no_request_message_are_refused_and_the_host_keeps_serving()
    {
        await using var host = new InProcessHost(FuzzSettings);
        var invoker = host.Channel.CreateCallInvoker();
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var methods = new[] { "Solve", "StartSolve", "ValidateScenario" }
            .Select(name => new Method<byte[], byte[]>(MethodType.Unary, V1.StockpileService.Descriptor.FullName, name, raw, raw))
            .ToArray();
        var cases = from method in Gen.Choose(0, methods.Length - 1)
                    from bytes in Gen.Frequency(
                        (3, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
                        (1, Gen.Elements<byte[]>([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f], [0x0a, 0x05, 0x01], [0x08], [0xff], [0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])))
                    select (method, bytes);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var answer = Answer.Of(() => ErrorTrailers.Checked(async () =>
            {
                await invoker.AsyncUnaryCall(methods[c.method], null, new CallOptions(deadline: DateTime.UtcNow.Add(CallDeadline)), c.bytes);
                return new Google.Protobuf.WellKnownTypes.Empty();
            })).GetAwaiter().GetResult();
            statuses.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
            Assert.True(answer.Status is StatusCode.InvalidArgument or StatusCode.ResourceExhausted or StatusCode.OK,
                $"{methods[c.method].Name} with bytes [{Convert.ToHexString(c.bytes)}]: {answer}");
        });
        string? failed = null;
        try
        {
            Check.One(Config(Suite.RawBytesCases), property);
        }
        catch (Exception e)
        {
            failed = FirstLines(e.Message);
            throw;
        }
        finally
        {
            await GoodRequest.AssertServedAsync(host.Client);
            Figures.Write(output, "fuzz-bytes", $"{statuses.Values.Sum()} arbitrary byte strings as request bodies{(failed is null ? "" : " (shrinking re-runs included)")}: " +
                string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} × {kv.Value}")) + "; the host kept serving the newsvendor." +
                (failed is null ? "" : $" **FAILED**: {failed}"));
        }
    }

    /// <summary>FsCheck's failure report, down to the falsifying case and the assertion that failed.</summary>
    internal static string FirstLines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("Last step", StringComparison.Ordinal)
                && !l.StartsWith("Replay", StringComparison.Ordinal))
            .Take(12);
        var text = string.Join(" ", lines).Replace("|", "\\|", StringComparison.Ordinal);
        return text.Length > 1500 ? text[..1500] + "…" : text;
    }

    internal static Config Config(int cases) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(Suite.FuzzSeed, 0x9E3779B97F4A7C15UL), null)));

    internal static Task<Answer> Send(V1.StockpileService.StockpileServiceClient client, BuiltRequest request)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(CallDeadline));
        return request.Message switch
        {
            V1.SolveRequest s => Answer.Of(() => ErrorTrailers.Checked(() => client.SolveAsync(s, options).ResponseAsync)),
            V1.StartSolveRequest s => Answer.Of(() => ErrorTrailers.Checked(() => client.StartSolveAsync(s, options).ResponseAsync)),
            V1.ValidateScenarioRequest v => Answer.Of(() => ErrorTrailers.Checked(() => client.ValidateScenarioAsync(v, options).ResponseAsync)),
            _ => throw new ArgumentException(request.Message.GetType().Name),
        };
    }

    /// <summary>The rules every answer to an instance request keeps.</summary>
    internal static void CheckAnswer(BuiltRequest request, Answer answer)
    {
        switch (answer.Status)
        {
            case StatusCode.OK:
                switch (answer.Response)
                {
                    case V1.SolveResult result:
                        Assert.True(result.Solver.Termination != V1.Termination.Unspecified, $"{request}: a result without termination");
                        break;
                    case V1.Job job:
                        Assert.StartsWith("jobs/", job.Name, StringComparison.Ordinal);
                        break;
                    case V1.ValidateScenarioResponse validated:
                        Assert.Equal(64, validated.Fingerprint.Length);
                        break;
                }
                break;
            case StatusCode.InvalidArgument:
                Assert.True(answer.BadRequest is { FieldViolations.Count: > 0 }, $"{request}: INVALID_ARGUMENT without field violations: {answer}");
                foreach (var violation in answer.BadRequest!.FieldViolations)
                {
                    Assert.False(string.IsNullOrWhiteSpace(violation.Description), $"{request}: violation of {violation.Field} without a description");
                    Assert.True(FieldPaths.Resolves(violation.Field, request.Instance, request.Message),
                        $"{request}: violation path \"{violation.Field}\" names no field of the request ({violation.Description})");
                }
                break;
            case StatusCode.ResourceExhausted:
                Assert.True(answer.RetryInfo is not null, $"{request}: RESOURCE_EXHAUSTED without RetryInfo: {answer}");
                break;
            default:
                Assert.Fail($"{request}: answered {answer}");
                break;
        }
    }

    /// <summary>The host logged no unexpected failure (ErrorInterceptor event 1900) and no crashed worker.</summary>
    internal static void AssertNoUnexpectedFailures(InProcessHost host)
    {
        var bad = host.Logged.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(bad.Count == 0, $"the host logged {bad.Count} errors, first: {bad.FirstOrDefault()}");
    }

    /// <summary>Waits until every job has ended; says how they ended.</summary>
    internal static async Task<string> AllEnded(V1.StockpileService.StockpileServiceClient client, IEnumerable<string> names)
    {
        var states = new Dictionary<V1.JobState, int>();
        foreach (var name in names.Distinct())
        {
            var job = await Jobs.WaitUntilEnded(client, name, TimeSpan.FromSeconds(120));
            states[job.State] = states.GetValueOrDefault(job.State) + 1;
            Assert.True(job.State != V1.JobState.Failed || job.Error.Length > 0, $"{name} FAILED without a reason");
        }
        return states.Count == 0 ? "none" : string.Join(", ", states.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} × {kv.Value}"));
    }

    private static async Task<V1.JobEvent> FirstEvent(V1.StockpileService.StockpileServiceClient client, string name, long after)
    {
        using var call = client.WatchJob(new V1.WatchJobRequest { Name = name, AfterSequence = after }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));
        return await call.ResponseStream.MoveNext() ? call.ResponseStream.Current : new V1.JobEvent();
    }

    private enum Padding
    {
        Name,
        Demands,
        Series,
        Scenarios,
    }

    /// <summary>The newsvendor request made about <paramref name="size"/> bytes long by one kind of padding.</summary>
    private static BuiltRequest Padded(FuzzMethod method, Padding padding, int size)
    {
        var built = HostileRequests.Build(new FuzzCase(method, 0, []));
        var instance = built.Instance!;
        var missing = Math.Max(0, size - built.Message.CalculateSize());
        switch (padding)
        {
            case Padding.Name:
                instance.Name = new string('n', Math.Max(0, missing - 4));
                break;
            case Padding.Demands:
                var demand = instance.Demands[0];
                instance.Demands.Add(Enumerable.Range(0, missing / (demand.CalculateSize() + 2) + 1).Select(_ => demand.Clone()));
                break;
            case Padding.Series:
                instance.Demands[0].TonnesPerPeriod.Add(Enumerable.Repeat(1.0, missing / 8 + 1));
                break;
            case Padding.Scenarios:
                var scenario = instance.Scenarios[1];
                instance.Scenarios.Add(Enumerable.Range(0, missing / (scenario.CalculateSize() + 2) + 1).Select(_ => scenario.Clone()));
                break;
        }
        return built with { Edits = [$"padded with {padding} to {built.Message.CalculateSize()} B"] };
    }
}

/// <summary>What the fuzz saw: answers by method and status, latencies, the field paths reported.</summary>
internal sealed class FuzzStats
{
    private readonly ConcurrentDictionary<(FuzzMethod, StatusCode), int> counts = new();
    private readonly ConcurrentDictionary<FuzzMethod, ConcurrentBag<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> fields = new();
    private int total;
    private int edits;

    public int Total => total;

    public void Add(BuiltRequest request, Answer answer)
    {
        Interlocked.Increment(ref total);
        Interlocked.Add(ref edits, request.Edits.Count);
        counts.AddOrUpdate((request.Method, answer.Status), 1, (_, n) => n + 1);
        latencies.GetOrAdd(request.Method, _ => []).Add(answer.Latency.TotalMilliseconds);
        foreach (var violation in answer.BadRequest?.FieldViolations ?? [])
        {
            // Indices do not matter for coverage: producers[3].country → producers[].country.
            fields.AddOrUpdate(System.Text.RegularExpressions.Regex.Replace(violation.Field, @"\[\d+\]", "[]"), 1, (_, n) => n + 1);
        }
    }

    public string Report(string summary)
    {
        var statuses = counts.Keys.Select(k => k.Item2).Distinct().Order().ToList();
        var rows = Enum.GetValues<FuzzMethod>().Where(latencies.ContainsKey).Select(m =>
        {
            var sorted = latencies[m].Order().ToList();
            return (IReadOnlyList<string>)
            [
                m.ToString(), .. statuses.Select(s => counts.GetValueOrDefault((m, s)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Figures.F(Figures.Percentile(sorted, 0.5), "0.0"), Figures.F(Figures.Percentile(sorted, 0.99), "0.0"), Figures.F(sorted[^1], "0.0"),
            ];
        });
        var table = Figures.Table(["method", .. statuses.Select(s => s.ToString()), "p50 ms", "p99 ms", "max ms"], rows);
        return $"{summary}\n\n{table}\n{Figures.F(edits / (double)Math.Max(1, total), "0.0")} edits per request on average; " +
            $"{fields.Count} distinct field paths reported (indices folded), e.g. {string.Join(", ", fields.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"`{kv.Key}`"))}.";
    }
}

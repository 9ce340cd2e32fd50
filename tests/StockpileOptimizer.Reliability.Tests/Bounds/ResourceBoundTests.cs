using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Bounds;

/// <summary>
/// A model too large for the configured limits is refused before it is built (fast, naming
/// the limit and the size), and a solve runs with the time limit it asked for and ends by it
/// with a result (the overshoot past the limit is measured for docs/reliability.md, not
/// asserted: it depends on the machine).
/// </summary>
public sealed class ResourceBoundTests(ITestOutputHelper output)
{
    /// <summary>
    /// 2,000 scenarios × 12 periods = 24,000 > Server:MaxScenarioPeriods (20,000 by default):
    /// every method that takes an instance refuses it at once, with the limit and the size, and
    /// no job is created. Building it would take far longer than the refusal (measured: the
    /// build of the same model at a tenth of the size).
    /// </summary>
    [Fact]
    public async Task A_model_over_MaxScenarioPeriods_is_refused_fast_with_the_limit_and_the_size()
    {
        await using var host = new InProcessHost();
        var instance = InstanceGenerator.Generate(new GeneratorSpec { Scenarios = 2000, Periods = 12 });
        var proto = DomainMapping.ToProto(instance);
        var client = host.Client;
        var calls = new (string Method, Func<Task<Answer>> Call)[]
        {
            ("Solve", () => Answer.Of(() => client.SolveAsync(new V1.SolveRequest { Instance = proto }, InProcessHost.Deadline(TimeSpan.FromSeconds(60))).ResponseAsync)),
            ("StartSolve", () => Answer.Of(() => client.StartSolveAsync(new V1.StartSolveRequest { Instance = proto }).ResponseAsync)),
            ("ValidateScenario", () => Answer.Of(() => client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = proto }).ResponseAsync)),
        };
        var latencies = new List<string>();
        foreach (var (method, call) in calls)
        {
            var answer = await call();
            Assert.True(answer.Status is StatusCode.InvalidArgument or StatusCode.FailedPrecondition, $"{method}: {answer}");
            var violation = Assert.Single(answer.BadRequest!.FieldViolations, v => v.Field == "scenarios");
            Assert.Contains("2000 scenarios × 12 periods = 24000, the limit is 20000", violation.Description, StringComparison.Ordinal);
            Assert.Contains("Server:MaxScenarioPeriods", violation.Description, StringComparison.Ordinal);
            // The refusal names the size limit, which is checked on the request before any model is
            // built (ModelSizeEstimate); its latency is reported, not asserted (it depends on the machine).
            latencies.Add($"{method} {Figures.F(answer.Latency.TotalMilliseconds, "0")} ms");
        }
        Assert.Empty(await Jobs.ListAll(client));

        // For scale: building (only) the same kind of model at a tenth of the size, in-process.
        var tenth = InstanceGenerator.Generate(new GeneratorSpec { Scenarios = 200, Periods = 12 });
        var built = StockpileSolver.Solve(tenth, new SolveOptions { TimeLimit = TimeSpan.FromMilliseconds(1), Threads = 1, ShadowPrices = false }).Solver;
        Figures.Write(output, "bounds-size", $"A model of 2,000 scenarios × 12 periods = 24,000 (limit 20,000; request {proto.CalculateSize() / 1024} KiB) " +
            $"was refused INVALID_ARGUMENT naming `scenarios`, the size and the limit, by {string.Join(", ", latencies)}, and no job was created. " +
            $"Building the same model at a tenth of that size ({built.Variables} variables, {built.Rows} rows) takes " +
            $"{Figures.F(built.BuildSeconds, "0.0")} s in-process.");
    }

    /// <summary>
    /// Server:MaxScenarioPeriods bounds only scenarios × periods. A wide instance — 100
    /// countries × 100 materials over 2 periods and 2 scenarios, a 2 MB request, well inside
    /// the 16 MiB message limit — makes a model of about 430,000 variables whose build alone
    /// takes tens of seconds (not interruptible, and not counted against the time limit: a
    /// 5 s solve of it measured 32.7 s wall) and about 1 GB. A limit on the model's size
    /// should refuse it before it is built, naming the limit and the size.
    /// </summary>
    [Fact]
    public async Task A_model_too_wide_for_the_server_is_refused_before_it_is_built()
    {
        await using var host = new InProcessHost();
        var wide = DomainMapping.ToProto(InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 100, Materials = 100, Periods = 2, Scenarios = 2, ProducersPerCountry = 1, Investments = 2, Tiers = 2,
        }));

        var answer = await Answer.Of(() => host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = wide }).ResponseAsync);

        Assert.True(answer.Status is StatusCode.InvalidArgument or StatusCode.FailedPrecondition,
            $"a 100 × 100 instance ({wide.CalculateSize() / 1024} KiB, ~430,000 variables) was answered {answer}, not refused");
        Assert.Contains("limit", answer.Detail + string.Join(" ", answer.BadRequest?.FieldViolations.Select(v => v.Description) ?? []), StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"refused in {Figures.F(answer.Latency.TotalMilliseconds, "0")} ms (reported, not asserted: the refusal names the limit checked before any model is built)");
    }

    /// <summary>
    /// A solve with a time limit, over unary Solve and as a job, answers with a result (TIME_LIMIT
    /// or, on a fast machine, a plan found in time) and the job runs with the limit it asked for,
    /// as its RUNNING event says. The overshoot past the limit (end to end on the client clock for
    /// Solve, start → end on the server clock for the job) is written to docs/reliability.md.
    /// </summary>
    [Fact]
    public async Task A_solve_with_a_time_limit_runs_with_it_and_answers_with_a_result()
    {
        await using var host = new InProcessHost(new Dictionary<string, string?> { ["Jobs:MaxConcurrentSolves"] = "1" });
        var client = host.Client;
        var instances = new List<(string Name, V1.StockpileInstance Instance)> { ("30 scenarios (44,803 variables)", DomainMapping.ToProto(Instances.Long())) };
        if (Suite.Full)
        {
            instances.Add(("100 scenarios (192,393 variables)", DomainMapping.ToProto(InstanceGenerator.Generate(new GeneratorSpec { Materials = 8, Periods = 12, Scenarios = 100 }))));
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, instance) in instances)
        {
            foreach (var seconds in Suite.OvershootLimits)
            {
                var limit = TimeSpan.FromSeconds(seconds);
                var options = new V1.SolveOptions { TimeLimit = Duration.FromTimeSpan(limit) };

                var clock = Stopwatch.StartNew();
                var result = await client.SolveAsync(new V1.SolveRequest { Instance = instance, Options = options }, InProcessHost.Deadline(TimeSpan.FromSeconds(300)));
                var unary = clock.Elapsed;
                Assert.True(result.Solver.Termination is V1.Termination.TimeLimit or V1.Termination.Optimal or V1.Termination.Feasible, $"{result.Solver}");

                var job = await client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, Options = options });
                var ended = await Jobs.WaitUntilEnded(client, job.Name, TimeSpan.FromSeconds(300));
                var run = ended.EndTime.ToDateTime() - ended.StartTime.ToDateTime();
                Assert.Equal(V1.JobState.Succeeded, ended.State);
                Assert.True(ended.Result.Solver.Termination is V1.Termination.TimeLimit or V1.Termination.Optimal or V1.Termination.Feasible, $"{ended.Result.Solver}");
                var running = (await Jobs.WatchToEnd(client, job.Name, 0, TimeSpan.FromSeconds(60))).Single(e => e.State == V1.JobState.Running);
                Assert.Contains($"time limit {Figures.F(seconds)} s", running.Message, StringComparison.Ordinal);

                rows.Add([
                    name, $"{seconds} s", result.Solver.Termination.ToString(), Figures.F(result.Solver.WallSeconds - seconds, "+0.00;-0.00"),
                    Figures.F(unary.TotalSeconds - seconds, "+0.00;-0.00"), Figures.F(run.TotalSeconds - seconds, "+0.00;-0.00"),
                ]);
            }
        }

        // A unary Solve with only a deadline (full run): the answer, a TIME_LIMIT result, comes before it.
        var deadlineNote = "";
        if (Suite.Full)
        {
            var deadline = TimeSpan.FromSeconds(8);
            var start = Stopwatch.StartNew();
            // A late answer would be DEADLINE_EXCEEDED (an exception), so the time is reported, not asserted.
            var byDeadline = await client.SolveAsync(new V1.SolveRequest { Instance = instances[0].Instance }, InProcessHost.Deadline(deadline));
            var answeredAfter = start.Elapsed;
            deadlineNote = $"\nA unary Solve with an 8 s deadline and no time limit answered {byDeadline.Solver.Termination} after " +
                $"{Figures.F(answeredAfter.TotalSeconds, "0.00")} s (Server:DeadlineMargin 2 s kept for extraction).";
        }

        Figures.Write(output, "bounds-time", "Overshoot past the time limit (seconds; positive = later than the limit). " +
            "*engine wall* is the result's wall_seconds (validate, build, solve, extract, shadow prices); *Solve RPC* is the client's " +
            "end-to-end time of a unary Solve with options.time_limit; *job run* is a StartSolve job's end − start on the server clock.\n\n" +
            Figures.Table(["instance", "limit", "termination", "engine wall", "Solve RPC", "job run"], rows) + deadlineNote);
    }
}

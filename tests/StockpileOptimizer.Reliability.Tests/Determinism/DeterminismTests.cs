using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Determinism;

/// <summary>
/// The same input and seed give byte-identical results: two in-process solves
/// (StockpileSolver.Solve → InstanceJson.WriteResult), two gRPC solves (the SolveResult
/// bytes), and in-process vs gRPC (the in-process result mapped with the server's own mapping,
/// compared field by field). Timing fields (wall, build, solve, extract seconds) are zeroed
/// first: they are measurements, not results. The solves are run as the server runs them: one
/// solver thread, the time limit the server applies, progress watched (the solve runs in
/// stages bounded by branch-and-bound nodes, not by the clock: see SolveLoop).
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    private const int Seed = 7;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => ["newsvendor", "rich", "small-1", "small-2"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_in_process_solves_write_byte_identical_results(string name)
    {
        var instance = Instance(name);

        var first = InstanceJson.WriteResult(WithoutTimings(SolveInProcess(instance)));
        var second = InstanceJson.WriteResult(WithoutTimings(SolveInProcess(instance)));

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Two_grpc_solves_and_the_in_process_solve_give_identical_results(string name)
    {
        await using var host = new InProcessHost();
        var instance = Instance(name);
        var request = new V1.SolveRequest
        {
            Instance = DomainMapping.ToProto(instance),
            Options = new V1.SolveOptions { Seed = Seed, TimeLimit = Duration.FromTimeSpan(TimeLimit) },
        };

        var first = WithoutTimings(await host.Client.SolveAsync(request, InProcessHost.Deadline(TimeSpan.FromSeconds(120))));
        var second = WithoutTimings(await host.Client.SolveAsync(request, InProcessHost.Deadline(TimeSpan.FromSeconds(120))));
        var local = WithoutTimings(DomainMapping.ToProto(WithoutTimings(SolveInProcess(instance))));

        Assert.Equal(first.ToByteArray(), second.ToByteArray());
        AssertSameFieldByField(local, first);
        Assert.Equal(local.ToByteArray(), first.ToByteArray());
        output.WriteLine($"{name}: {first.Solver.Termination}, objective {first.Solver.ObjectiveUsd}, {first.CalculateSize()} B identical three times");
    }

    /// <summary>
    /// The same over larger instances that take seconds, past the point where the server's
    /// progress stages once followed the wall clock (1 s, 2 s, …: the next stage hinted with
    /// whatever incumbent the clock left, so a 5 s solve could end on another plan of equal
    /// cost). Stages are now bounded by nodes: the results must be identical, and the figure
    /// reports the times.
    /// </summary>
    [SlowFact]
    [Trait("Category", "Slow")]
    public async Task Solves_of_several_seconds_are_byte_identical_too()
    {
        await using var host = new InProcessHost();
        var rows = new List<IReadOnlyList<string>>();
        var failures = new List<string>();
        foreach (var (label, instance) in new[]
        {
            ("generator default (10 scenarios)", InstanceGenerator.Generate(new GeneratorSpec())),
            ("30 scenarios", InstanceGenerator.Generate(new GeneratorSpec { Scenarios = 30 })),
            ("50 scenarios", InstanceGenerator.Generate(new GeneratorSpec { Scenarios = 50 })),
        })
        {
            var request = new V1.SolveRequest
            {
                Instance = DomainMapping.ToProto(instance),
                Options = new V1.SolveOptions { Seed = Seed, TimeLimit = Duration.FromTimeSpan(TimeLimit) },
            };
            var runs = new List<V1.SolveResult>();
            var seconds = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var result = await host.Client.SolveAsync(request, InProcessHost.Deadline(TimeSpan.FromSeconds(180)));
                seconds.Add(result.Solver.WallSeconds);
                runs.Add(WithoutTimings(result));
            }
            var local = WithoutTimings(DomainMapping.ToProto(WithoutTimings(SolveInProcess(instance))));
            var distinct = runs.Append(local).Select(r => Convert.ToBase64String(r.ToByteArray())).Distinct().Count();
            var nodeless = runs.Append(local).Select(r =>
            {
                var c = r.Clone();
                c.Solver.Nodes = 0;
                return c;
            }).ToList();
            var withoutNodes = nodeless.Select(r => Convert.ToBase64String(r.ToByteArray())).Distinct().Count();
            var beyondNodes = nodeless.Skip(1).Select(r => FirstDifference(nodeless[0], r)).OfType<string>().Distinct().ToList();
            var objectives = runs.Append(local).Select(r => r.Solver.ObjectiveUsd.GetValueOrDefault()).ToList();
            var differences = runs.Skip(1).Append(local).Select(r => FirstDifference(runs[0], r)).OfType<string>().Distinct().ToList();
            rows.Add([
                label, Figures.F(seconds.Average(), "0.00"), distinct == 1 ? "yes" : $"no ({distinct} different; first difference: {string.Join(", ", differences)})",
                withoutNodes == 1 ? "yes" : $"no ({withoutNodes} different; first difference: {string.Join(", ", beyondNodes)})",
                Figures.F((objectives.Max() - objectives.Min()) / Math.Max(1, Math.Abs(objectives.Max())), "0.###E+0"),
            ]);
            failures.AddRange(distinct == 1 ? [] : [$"{label}: {distinct} different results; first difference: {string.Join(", ", differences)}"]);
        }
        Figures.Write(output, "determinism-stages", "Three gRPC solves and one in-process solve of each instance (seed 7, one thread, watched as the server watches them):\n\n" +
            Figures.Table(["instance", "solve s", "4 results byte-identical", "identical but for solver.nodes", "objective spread (relative)"], rows));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static SolveResult SolveInProcess(StockpileInstance instance) =>
        StockpileSolver.Solve(instance, new SolveOptions { Seed = Seed, Threads = 1, TimeLimit = TimeLimit }, progress: new NoProgress());

    private static StockpileInstance Instance(string name) => name switch
    {
        "newsvendor" => Instances.Newsvendor(),
        "rich" => Instances.Rich(),
        "small-1" => Instances.Small(1),
        "small-2" => Instances.Small(2),
        _ => throw new ArgumentException(name),
    };

    internal static SolveResult WithoutTimings(SolveResult result) =>
        result with { Solver = result.Solver with { WallSeconds = 0, BuildSeconds = 0, SolveSeconds = 0, ExtractSeconds = 0 } };

    internal static V1.SolveResult WithoutTimings(V1.SolveResult result)
    {
        var copy = result.Clone();
        copy.Solver.WallSeconds = 0;
        return copy;
    }

    private static string? FirstDifference(IMessage a, IMessage b)
    {
        try
        {
            AssertSameFieldByField(a, b);
            return null;
        }
        catch (Xunit.Sdk.XunitException e)
        {
            return e.Message.Replace("in-process", "one run", StringComparison.Ordinal).Replace("over gRPC", "another", StringComparison.Ordinal);
        }
    }

    /// <summary>Names the first field where two results differ, so that a failure says where.</summary>
    private static void AssertSameFieldByField(IMessage expected, IMessage actual, string path = "")
    {
        foreach (var field in expected.Descriptor.Fields.InFieldNumberOrder())
        {
            var here = path.Length == 0 ? field.JsonName : $"{path}.{field.JsonName}";
            var a = field.Accessor.GetValue(expected);
            var b = field.Accessor.GetValue(actual);
            if (field.IsRepeated)
            {
                var listA = ((System.Collections.IList)a).Cast<object>().ToList();
                var listB = ((System.Collections.IList)b).Cast<object>().ToList();
                Assert.True(listA.Count == listB.Count, $"{here}: {listA.Count} items in-process, {listB.Count} over gRPC");
                for (var i = 0; i < listA.Count; i++)
                {
                    if (listA[i] is IMessage ma)
                    {
                        AssertSameFieldByField(ma, (IMessage)listB[i], $"{here}[{i}]");
                    }
                    else
                    {
                        Assert.True(Equals(listA[i], listB[i]), $"{here}[{i}]: {listA[i]} in-process, {listB[i]} over gRPC");
                    }
                }
            }
            else if (a is IMessage ma && b is IMessage mb && field.FieldType == Google.Protobuf.Reflection.FieldType.Message)
            {
                AssertSameFieldByField(ma, mb, here);
            }
            else
            {
                Assert.True(Equals(a, b), $"{here}: {a ?? "unset"} in-process, {b ?? "unset"} over gRPC");
            }
        }
    }

    /// <summary>Progress watched, as the job system watches it, and dropped.</summary>
    private sealed class NoProgress : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value)
        {
        }
    }
}

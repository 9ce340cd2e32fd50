using System.Diagnostics;
using StockpileOptimizer.Bench.Report;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Bench.Report.Markdown;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Bench.Grpc;

/// <summary>
/// Section 5: a solve in-process against the same solve through the loopback gRPC host (a
/// child process: mapping, validation, the job queue and its SQLite store, HTTP/2). The
/// instance travels as the host's own GetDefaultScenario answer, so both sides solve the same
/// instance (checked by fingerprint).
/// </summary>
internal static class GrpcSection
{
    /// <param name="HostEngine">The engine's own wall time inside the host (the result's solver.wall_seconds).</param>
    private sealed record Case(string Name, double InProcess, double OverGrpc, double HostEngine, bool SameAnswer)
    {
        public double Ratio => OverGrpc / InProcess;
    }

    public static async Task<Section> RunAsync(ReportContext context)
    {
        var repeats = context.Quick ? 3 : 5;
        context.Log("starting the gRPC host");
        var startClock = Stopwatch.StartNew();
        await using var host = await LoopbackHost.StartAsync(context.Scratch, TimeSpan.FromSeconds(60));
        var startSeconds = startClock.Elapsed.TotalSeconds;
        var defaultProto = (await host.Client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest())).Instance;
        var defaultDomain = InstanceJson.Default();
        var oneProto = defaultProto.Clone();
        oneProto.Scenarios.Clear();
        var first = defaultProto.Scenarios[0].Clone();
        first.Probability = 1;
        oneProto.Scenarios.Add(first);
        var oneDomain = defaultDomain with { Scenarios = [defaultDomain.Scenarios[0] with { Probability = 1 }] };
        // The host's defaults: one solver thread, 60 s time limit for a call without deadline.
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60) };

        var cases = new List<Case>();
        var instances = new[] { ("default instance, first scenario only", oneProto, oneDomain), ("default instance (5 scenarios)", defaultProto, defaultDomain) };
        foreach (var (name, proto, domain) in instances.Take(context.Quick ? 1 : 2))
        {
            context.Log($"gRPC against in-process: {name}, {repeats} runs each");
            cases.Add(await CompareAsync(host, name, proto, domain, options, repeats));
        }
        var validate = await ValidateAsync(host, defaultProto, defaultDomain, repeats);
        // Two MIP solves of seconds each: left out of --quick.
        (string Label, double Watched, double Unwatched)? staged = context.Quick ? null : Staged(context);
        var fsync = Fsync(context.Scratch);
        var markdown = $$"""
            ## 5. gRPC overhead

            The host (`StockpileOptimizer.Server`) runs as a child process on 127.0.0.1 with a
            scratch job store (started and serving in {{Seconds(startSeconds)}}); the client is the
            generated `StockpileService` client over h2c. A gRPC `Solve` is mapped and validated,
            queued as a job (persisted in SQLite with its events and result), solved, and mapped
            back. In-process is `StockpileSolver.Solve` with the host's defaults (one thread, 60 s
            limit, shadow prices on). Medians of {{repeats}} alternating runs after one warm-up each.

            {{Table(
                ["instance", "in-process", "over gRPC", "ratio", "added per call", "engine inside the host", "host outside the engine", "same fingerprint and objective"],
                cases.Select(c => (IReadOnlyList<string>)[c.Name, Seconds(c.InProcess), Seconds(c.OverGrpc), Ratio(c.Ratio), SignedSeconds(c.OverGrpc - c.InProcess),
                    Seconds(c.HostEngine), Seconds(c.OverGrpc - c.HostEngine), c.SameAnswer ? "yes" : "**no**"]))}}
            "Host outside the engine" is the round trip less the engine's own wall time in the host:
            transport, mapping, the job queue and the store. The store commits with
            `synchronous = FULL`, so every commit waits for the disk: a 4 KiB write with fsync in
            the scratch directory takes {{Seconds(fsync)}} here (median of 20).

            `ValidateScenario` on the default instance (the RPC floor: transport, mapping, validation,
            no solve) takes {{Seconds(validate.OverGrpc)}} against {{Seconds(validate.InProcess)}} for
            `InstanceValidator.Validate` + `InstanceJson.Fingerprint` in-process.

            The host always watches its solves (job events). SCIP solves in stages bounded by
            branch-and-bound nodes whether watched or not (docs/model.md, "Solving"), so watching
            adds only the heartbeat log lines; {{(staged is { } st
                ? $"on {st.Label} (MIP, in-process) a watched solve took {Seconds(st.Watched)} against {Seconds(st.Unwatched)} unwatched ({Ratio(st.Watched / st.Unwatched)}, one run each)."
                : "longer ones were not measured in --quick.")}}

            """;
        return new Section(markdown, [new TargetCheck(
            "gRPC overhead on a small solve (reported, no target)",
            string.Join("; ", cases.Select(c => F($"{c.Name}: {Ratio(c.Ratio)} ({SignedSeconds(c.OverGrpc - c.InProcess)})"))),
            null)]);
    }

    private static async Task<Case> CompareAsync(
        LoopbackHost host, string name, V1.StockpileInstance proto, StockpileInstance domain, SolveOptions options, int repeats)
    {
        var local = StockpileSolver.Solve(domain, options);
        var remote = await host.Client.SolveAsync(new V1.SolveRequest { Instance = proto });
        var inProcess = new List<double>();
        var overGrpc = new List<double>();
        var hostEngine = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            local = StockpileSolver.Solve(domain, options);
            inProcess.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            remote = await host.Client.SolveAsync(new V1.SolveRequest { Instance = proto });
            overGrpc.Add(clock.Elapsed.TotalSeconds);
            hostEngine.Add(remote.Solver.WallSeconds);
        }
        var same = remote.Fingerprint == local.Fingerprint
            && remote.Solver.ObjectiveUsd is { } objective
            && Math.Abs(objective - local.Solver.Objective) <= 1e-6 * Math.Max(1, Math.Abs(local.Solver.Objective));
        return new Case(name, Median(inProcess), Median(overGrpc), Median(hostEngine), same);
    }

    private static async Task<Case> ValidateAsync(LoopbackHost host, V1.StockpileInstance proto, StockpileInstance domain, int repeats)
    {
        await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = proto });
        var inProcess = new List<double>();
        var overGrpc = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            InstanceValidator.Validate(domain);
            InstanceJson.Fingerprint(domain);
            inProcess.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = proto });
            overGrpc.Add(clock.Elapsed.TotalSeconds);
        }
        return new Case("validate", Median(inProcess), Median(overGrpc), 0, true);
    }

    /// <summary>A MIP of a few seconds solved with and without a progress watcher (the same node-limited stages either way).</summary>
    private static (string Label, double Watched, double Unwatched) Staged(ReportContext context)
    {
        var spec = new GeneratorSpec { Countries = 2, Materials = 5, Periods = 12, Scenarios = 30, ProducersPerCountry = 3 };
        var instance = InstanceGenerator.Generate(spec);
        var options = new SolveOptions { ShadowPrices = false };
        context.Log($"staged against single solve on {Instances.BenchInstances.Label(spec)}");
        var clock = Stopwatch.StartNew();
        StockpileSolver.Solve(instance, options);
        var unwatched = clock.Elapsed.TotalSeconds;
        clock.Restart();
        StockpileSolver.Solve(instance, options, progress: new Ignore());
        return (Instances.BenchInstances.Label(spec), clock.Elapsed.TotalSeconds, unwatched);
    }

    /// <summary>What one durable commit costs on this disk, at least: a small write flushed to the device.</summary>
    private static double Fsync(string scratch)
    {
        var path = Path.Combine(scratch, "fsync.probe");
        var block = new byte[4096];
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 4096))
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        File.Delete(path);
        return Median(times);
    }

    private sealed class Ignore : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value)
        {
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

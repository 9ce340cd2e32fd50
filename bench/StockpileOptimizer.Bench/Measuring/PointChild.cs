using System.Diagnostics;
using System.Text.Json;
using StockpileOptimizer.Bench.Instances;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Bench.Measuring;

/// <summary>
/// The child side of <see cref="ChildProcess"/>: warm up (JIT, native OR-Tools loaded), do one
/// measured piece of work, print the result as one JSON line. A fresh process per point makes
/// Process.PeakWorkingSet64 that point's own peak (plus the baseline every point shares).
/// </summary>
internal static class PointChild
{
    public const string Marker = "POINT-RESULT ";

    public static int Run(string json)
    {
        var request = JsonSerializer.Deserialize<PointRequest>(json, ChildProcess.Json)
            ?? throw new ArgumentException("empty point request");
        if (request.Kind != PointKind.DefaultCold)
        {
            WarmUp();
        }
        var result = request.Kind switch
        {
            PointKind.DefaultCold => DefaultCold(request),
            PointKind.Baseline => new PointResult(),
            PointKind.Engine => Engine(request),
            PointKind.Alone => Alone(request),
            PointKind.Saa => Saa(request),
            _ => throw new ArgumentOutOfRangeException(nameof(json), request.Kind, "unknown point kind"),
        };
        if (request.Kind == PointKind.Baseline)
        {
            result = result with { PeakWorkingSetBytes = Peak() };
        }
        Console.WriteLine(Marker + JsonSerializer.Serialize(result, ChildProcess.Json));
        return 0;
    }

    private static PointResult Engine(PointRequest request)
    {
        var instance = BenchInstances.Generate(request.Spec, request.Lp);
        var options = new SolveOptions
        {
            Solver = request.Solver, RelativeGap = request.RelativeGap, ShadowPrices = false, DiagnoseInfeasibility = false,
            // A watcher makes the solve staged; one stage this long keeps it a single solve.
            ProgressInterval = TimeSpan.FromDays(10),
            FixedPolicy = request.FixPolicyFrom is { } from
                ? JsonSerializer.Deserialize<Policy>(File.ReadAllText(from), InstanceJson.Options) : null,
        };
        var sampler = new BuildSampler();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var result = StockpileSolver.Solve(instance, options, progress: sampler);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var peak = Peak();
        var facts = result.Solver;
        if (request.WritePolicyTo is { } to && result.Policy is { } plan)
        {
            File.WriteAllText(to, JsonSerializer.Serialize(plan, InstanceJson.Options));
        }
        long nonZeros = 0;
        if (request.MpsPath is { } path)
        {
            var mps = StockpileSolver.ExportMps(instance);
            File.WriteAllText(path, mps);
            nonZeros = MpsStats.NonZeros(mps);
        }
        return new PointResult
        {
            Termination = facts.Termination.ToString(),
            Objective = facts.Objective,
            Gap = facts.Gap,
            Variables = facts.Variables,
            Rows = facts.Rows,
            NonZeros = nonZeros,
            BuildSeconds = facts.BuildSeconds,
            SolveSeconds = facts.SolveSeconds,
            ExtractSeconds = facts.ExtractSeconds,
            WallSeconds = facts.WallSeconds,
            PeakWorkingSetBytes = peak,
            BuiltWorkingSetBytes = sampler.WorkingSet,
            BuiltManagedBytes = sampler.Managed,
            ManagedAllocatedBytes = allocated,
            MoneyScale = StockpileSolver.MoneyScale(instance),
        };
    }

    /// <summary>What a first request in a fresh process costs: JIT and loading OR-Tools included.</summary>
    private static PointResult DefaultCold(PointRequest request)
    {
        var clock = Stopwatch.StartNew();
        var result = StockpileSolver.Solve(InstanceJson.Default(), new SolveOptions { Solver = request.Solver });
        return new PointResult
        {
            Termination = result.Solver.Termination.ToString(),
            Objective = result.Solver.Objective,
            Gap = result.Solver.Gap,
            Variables = result.Solver.Variables,
            Rows = result.Solver.Rows,
            WallSeconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSetBytes = Peak(),
        };
    }

    private static PointResult Alone(PointRequest request)
    {
        var mps = File.ReadAllText(request.MpsPath ?? throw new ArgumentException("an alone point needs an MPS file"));
        var clock = Stopwatch.StartNew();
        var solved = SolverAlone.Solve(mps, request.AloneSolver, request.RelativeGap);
        return new PointResult
        {
            Termination = solved.Status,
            Objective = solved.Objective,
            ImportSeconds = solved.ImportSeconds,
            SolveSeconds = solved.SolveSeconds,
            WallSeconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSetBytes = Peak(),
        };
    }

    /// <summary>SAA of the default instance to the request's gap, no time limit of its own (the report's child limit ends it).</summary>
    private static PointResult Saa(PointRequest request)
    {
        var instance = ValidatedInstance.Require(InstanceJson.Default());
        var spec = new SaaAnalysisSpec { Samples = request.Samples, Seed = 7, Method = request.Method, Gap = request.SaaGap, MaxIterations = 500 };
        // The child's own limit, a minute inside the report's: a decomposition cut off there still
        // reports how far it got (its bounds and gap).
        var each = new SolveOptions
        {
            RelativeGap = 1e-3, ShadowPrices = false, Explain = false, DiagnoseInfeasibility = false, TimeLimit = request.SaaTimeLimit,
        };
        var clock = Stopwatch.StartNew();
        var result = StockpileOptimizer.Model.Sampling.SaaAnalysis.Run(instance, spec, each, request.Threads, null, null, CancellationToken.None);
        var wall = clock.Elapsed.TotalSeconds;
        double First(double gap) => result.Method == "extensive"
            ? (result.Gap <= gap ? wall : double.NaN)
            : result.Iterations.Where(i => i.Phase == "mip" && i.Gap <= gap).Select(i => i.Seconds).DefaultIfEmpty(double.NaN).First();
        return new PointResult
        {
            Termination = result.Termination.ToString(),
            Objective = result.ObjectiveUsd,
            Bound = result.BoundUsd,
            Gap = result.Gap,
            Iterations = result.Iterations.Count,
            SecondsToOnePercent = First(1e-2),
            SecondsToTenthPercent = First(1e-3),
            WallSeconds = wall,
            PeakWorkingSetBytes = Peak(),
        };
    }

    /// <summary>Loads the runtime's JIT output and OR-Tools' native library on a tiny model, so no point pays for it.</summary>
    private static void WarmUp()
    {
        var tiny = BenchInstances.Generate(new GeneratorSpec { Countries = 1, Materials = 2, Periods = 2, Scenarios = 2, ProducersPerCountry = 1, Investments = 1, Tiers = 2 }, lp: false);
        StockpileSolver.Solve(tiny, new SolveOptions { ShadowPrices = false });
        SolverAlone.Solve(StockpileSolver.ExportMps(tiny), "scip", 1e-4);
    }

    /// <summary>Samples memory at the phase report that comes between building and solving (called inline).</summary>
    private sealed class BuildSampler : IProgress<SolveProgress>
    {
        public long WorkingSet { get; private set; }
        public long Managed { get; private set; }

        public void Report(SolveProgress value)
        {
            if (value.Kind == ProgressKind.Phase && value.Message.StartsWith("solving", StringComparison.Ordinal))
            {
                using var self = Process.GetCurrentProcess();
                WorkingSet = self.WorkingSet64;
                Managed = GC.GetTotalMemory(forceFullCollection: false);
            }
        }
    }

    private static long Peak()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Bench.Measuring;

internal enum PointKind
{
    /// <summary>The runtime and OR-Tools loaded, one tiny warm-up solve: the floor under every peak.</summary>
    Baseline,
    /// <summary>StockpileSolver.Solve on a generated instance; optionally its MPS written for <see cref="Alone"/>.</summary>
    Engine,
    /// <summary>An MPS file solved by OR-Tools ModelBuilder alone, without the engine.</summary>
    Alone,
    /// <summary>The default instance parsed and solved with default options, cold: no warm-up before it.</summary>
    DefaultCold,
    /// <summary>SAA of the default instance: <see cref="PointRequest.Samples"/> futures (seed 7) by <see cref="PointRequest.Method"/>.</summary>
    Saa,
}

/// <summary>One measurement, run in a fresh child process so that its peak working set is its own.</summary>
internal sealed record PointRequest
{
    public PointKind Kind { get; init; }
    public GeneratorSpec Spec { get; init; } = new();
    /// <summary>Strip the generated instance to a risk-neutral LP (see <see cref="Instances.BenchInstances.AsLp"/>).</summary>
    public bool Lp { get; init; }
    public MipSolver Solver { get; init; } = MipSolver.Scip;
    public double RelativeGap { get; init; } = 1e-4;
    /// <summary>Alone: the ModelBuilder solver id ("scip", "highs", "glop", "pdlp").</summary>
    public string AloneSolver { get; init; } = "scip";
    /// <summary>Engine: write the model here as free MPS. Alone: read it from here.</summary>
    public string? MpsPath { get; init; }
    /// <summary>Engine: write the plan found here (JSON), for a later <see cref="FixPolicyFrom"/>.</summary>
    public string? WritePolicyTo { get; init; }
    /// <summary>Engine: solve with this plan (JSON) as SolveOptions.FixedPolicy — the recourse LP, by GLOP.</summary>
    public string? FixPolicyFrom { get; init; }
    /// <summary>Saa: the number of sampled futures.</summary>
    public int Samples { get; init; }
    /// <summary>Saa: the method.</summary>
    public SaaMethod Method { get; init; } = SaaMethod.Benders;
    /// <summary>Saa: the whole decomposition's time limit (null: none).</summary>
    public TimeSpan? SaaTimeLimit { get; init; }
    /// <summary>Saa: the gap at which the decomposition stops.</summary>
    public double SaaGap { get; init; } = 1e-3;
    /// <summary>Saa: solver threads (the farm's width for Benders, SCIP's for the extensive form).</summary>
    public int Threads { get; init; } = 2;
}

/// <summary>What a child process measured. Times in seconds, memory in bytes.</summary>
internal sealed record PointResult
{
    public string Termination { get; init; } = "";
    public double Objective { get; init; }
    public double Gap { get; init; }
    public int Variables { get; init; }
    public int Rows { get; init; }
    public long NonZeros { get; init; }
    public double BuildSeconds { get; init; }
    public double SolveSeconds { get; init; }
    public double ExtractSeconds { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>Alone: parsing the MPS text into the ModelBuilder model (not part of the solve time).</summary>
    public double ImportSeconds { get; init; }
    /// <summary>Process.PeakWorkingSet64 (VmHWM) read right after the measured work.</summary>
    public long PeakWorkingSetBytes { get; init; }
    /// <summary>Engine: Process.WorkingSet64 when the model is built and the solver not yet started.</summary>
    public long BuiltWorkingSetBytes { get; init; }
    /// <summary>Engine: the managed heap (GC.GetTotalMemory, no collection) at the same moment.</summary>
    public long BuiltManagedBytes { get; init; }
    /// <summary>GC.GetTotalAllocatedBytes over the measured work: managed allocation, not residency.</summary>
    public long ManagedAllocatedBytes { get; init; }
    /// <summary>Engine: solver units per USD, to compare its objective with the MPS solve.</summary>
    public double MoneyScale { get; init; } = 1;
    /// <summary>Saa: the lower bound, USD.</summary>
    public double Bound { get; init; }
    /// <summary>Saa: decomposition iterations.</summary>
    public int Iterations { get; init; }
    /// <summary>Saa: seconds until the gap was at most 1 % (NaN: never).</summary>
    public double SecondsToOnePercent { get; init; } = double.NaN;
    /// <summary>Saa: seconds until the gap was at most 0.1 % (NaN: never).</summary>
    public double SecondsToTenthPercent { get; init; } = double.NaN;
}

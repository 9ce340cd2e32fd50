using StockpileOptimizer.Domain;
using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Solving;

internal static class SolverFactory
{
    public static string Id(MipSolver kind) => kind switch
    {
        MipSolver.Scip => "SCIP",
        MipSolver.Cbc => "CBC",
        MipSolver.Highs => "HIGHS",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown solver"),
    };

    public static Solver CreateMip(MipSolver kind) =>
        Solver.CreateSolver(Id(kind)) ?? throw new InvalidOperationException($"solver {Id(kind)} is not available in this OR-Tools build");

    /// <summary>GLOP for the fixed-integer LP: its duals are right (HiGHS' are not through OR-Tools).</summary>
    public static Solver CreateLp() =>
        Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");

    /// <summary>
    /// One solve that a cancellation interrupts; a token already cancelled solves nothing
    /// (NOT_SOLVED), since an interrupt issued before the solve starts would be lost.
    /// </summary>
    public static Solver.ResultStatus Solve(Solver solver, CancellationToken cancel, MPSolverParameters? parameters = null)
    {
        if (cancel.IsCancellationRequested)
        {
            return Solver.ResultStatus.NOT_SOLVED;
        }
        using (cancel.Register(() => solver.InterruptSolve()))
        {
            return parameters is null ? solver.Solve() : solver.Solve(parameters);
        }
    }

    /// <summary>Applies limits, gap, threads and seed; returns the parameters to pass to Solve.</summary>
    public static MPSolverParameters Configure(Solver solver, MipSolver kind, SolveOptions options)
    {
        if (options.TimeLimit is { } limit)
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        }
        // SCIP through OR-Tools with more than one thread runs its concurrent solvers, which in
        // this build crashed the process (SIGSEGV in SCIP's thread pool) when such solves ran side
        // by side, even taking turns, and ended "optimal" 0.2 % above the single-threaded optimum
        // on a small v2 instance (tests/StockpileOptimizer.Model.Tests/Solving/ConcurrentScipTests.cs):
        // SCIP always gets one thread; HiGHS and CBC get what is asked.
        solver.SetNumThreads(kind == MipSolver.Scip && solver.IsMip() ? 1 : Math.Max(1, options.Threads));
        var specific = Specific(solver, kind, options);
        if (specific.Length > 0)
        {
            solver.SetSolverSpecificParametersAsString(specific);
        }
        var parameters = new MPSolverParameters();
        if (solver.IsMip())
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.RelativeGap);
        }
        return parameters;
    }

    /// <summary>
    /// Root cutting planes beyond five rounds and the restart after them bought little on the
    /// default instance and cost about a third of its solve (docs/performance.md, section 4).
    /// </summary>
    public const string ScipTuning = "separating/maxroundsroot = 5\npresolving/maxrestarts = 0\n";

    /// <summary>
    /// The solver's own parameters: seed; SCIP left without its Ctrl+C handler (it prints to
    /// stdout; cancellation goes through the token) and with fewer root cut rounds, no restart.
    /// </summary>
    public static string Specific(Solver solver, MipSolver kind, SolveOptions options)
    {
        // Every int is a seed; the solvers take non-negative ones (Math.Abs would overflow on int.MinValue).
        var seed = options.Seed & int.MaxValue;
        return !solver.IsMip() ? "" : kind switch
        {
            MipSolver.Scip => $"randomization/randomseedshift = {seed}\nmisc/catchctrlc = FALSE\n{ScipTuning}",
            MipSolver.Highs => $"random_seed = {seed}\noutput_flag = false\n",
            _ => "",
        };
    }

    /// <summary>
    /// The solver-specific line that stops a solve after <paramref name="nodes"/> branch-and-bound
    /// nodes, or null where OR-Tools cannot pass one (CBC). A node limit, unlike a time limit,
    /// stops the search at the same point on every run.
    /// </summary>
    public static string? NodeLimit(MipSolver kind, long nodes) => kind switch
    {
        MipSolver.Scip => FormattableString.Invariant($"limits/totalnodes = {nodes}\n"),
        MipSolver.Highs => FormattableString.Invariant($"mip_max_nodes = {nodes}\n"),
        _ => null,
    };
}

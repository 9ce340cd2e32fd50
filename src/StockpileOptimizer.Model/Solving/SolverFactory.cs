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

    /// <summary>Applies limits, gap, threads and seed; returns the parameters to pass to Solve.</summary>
    public static MPSolverParameters Configure(Solver solver, MipSolver kind, SolveOptions options)
    {
        if (options.TimeLimit is { } limit)
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        }
        solver.SetNumThreads(Math.Max(1, options.Threads));
        var seed = Math.Abs(options.Seed);
        var specific = !solver.IsMip() ? "" : kind switch
        {
            // SCIP must not catch Ctrl+C itself (it prints to stdout); cancellation goes through the token.
            MipSolver.Scip => $"randomization/randomseedshift = {seed}\nmisc/catchctrlc = FALSE\n",
            MipSolver.Highs => $"random_seed = {seed}\noutput_flag = false\n",
            _ => "",
        };
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
}

using System.Diagnostics;
using System.Globalization;
using StockpileOptimizer.Model.Solving;
using MB = Google.OrTools.ModelBuilder;

namespace StockpileOptimizer.Bench.Measuring;

internal sealed record AloneOutcome(string Status, double Objective, double ImportSeconds, double SolveSeconds);

/// <summary>
/// The engine's model, exported to MPS, solved by SCIP (a MIP) or GLOP (an LP) through OR-Tools
/// ModelBuilder with nothing of the engine around it: the reference against which the engine's
/// overhead is a ratio. SCIP gets the gap, seed shift and settings the engine sets (SolverFactory).
/// </summary>
internal static class SolverAlone
{

    /// <param name="scipParameters">More SCIP parameters, one "name = value" per line (later lines win).</param>
    public static AloneOutcome Solve(string mps, string solverId, double relativeGap, string scipParameters = "")
    {
        var clock = Stopwatch.StartNew();
        var model = new MB.Model();
        if (!model.Helper.ImportFromMpsString(mps))
        {
            throw new InvalidOperationException("OR-Tools could not read the exported MPS");
        }
        var imported = clock.Elapsed;
        var solver = new MB.Solver(solverId);
        if (!solver.SolverIsSupported())
        {
            throw new InvalidOperationException($"OR-Tools ModelBuilder has no solver \"{solverId}\" in this build");
        }
        if (solverId == "scip")
        {
            solver.SetSolverSpecificParameters(string.Create(CultureInfo.InvariantCulture,
                $"limits/gap = {relativeGap:R}\nrandomization/randomseedshift = 0\n{StockpileSolver.ScipTuning}{scipParameters}"));
        }
        clock.Restart();
        var status = solver.Solve(model);
        var solved = clock.Elapsed;
        var objective = solver.HasSolution() ? solver.ObjectiveValue : double.NaN;
        return new AloneOutcome(status.ToString(), objective, imported.TotalSeconds, solved.TotalSeconds);
    }
}

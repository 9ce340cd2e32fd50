using System.Diagnostics;
using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using MB = Google.OrTools.ModelBuilder;

namespace StockpileOptimizer.Bench.Measuring;

/// <summary>
/// A what-if for out-of-sample evaluation, emulated outside the engine: one recourse LP kept
/// per worker and re-bound to each sample (changed bounds, right-hand sides, objective and
/// matrix entries only; rows a sample lacks are freed, rows it adds are added), then re-solved
/// by GLOP from the previous basis (presolve off, dual simplex) — against the same LP built
/// fresh and solved cold with GLOP's defaults, as the engine does today. Each sample's LP is
/// the engine's own (ExportMps of the one-scenario instance) with the first stage fixed at the
/// plan SCIP finds for the whole instance, matched by variable name.
/// </summary>
internal static class WarmRecourse
{
    public sealed record Outcome(int Samples, int Reloads, double RebindMs, double WarmMs, double ColdMs, double MaxObjectiveDifference);

    private static readonly string[] FirstStage = ["stockpile[", "bolr[", "tier[", "build["];

    public static Outcome Measure(StockpileInstance instance, IReadOnlyList<Scenario> samples)
    {
        var plan = PlanValues(StockpileSolver.ExportMps(instance));
        using var warm = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        warm.SetSolverSpecificParametersAsString("use_preprocessing: false use_dual_simplex: true");
        var state = new Bound(warm);
        var (rebind, warmTimes, coldTimes) = (new List<double>(), new List<double>(), new List<double>());
        var reloads = 0;
        var difference = 0.0;
        foreach (var sample in samples)
        {
            // One scenario id for all samples: names carry it, and the LP is matched by name.
            var one = instance with { Scenarios = [sample with { Id = "sample", Probability = 1 }], Policy = instance.Policy with { RiskWeight = 0 } };
            var model = new MB.Model();
            model.Helper.ImportFromMpsString(StockpileSolver.ExportMps(one));
            var clock = Stopwatch.StartNew();
            reloads += state.Rebind(model.Helper, plan) ? 1 : 0;
            rebind.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var status = warm.Solve();
            warmTimes.Add(clock.Elapsed.TotalMilliseconds);

            using var cold = Solver.CreateSolver("GLOP")!;
            new Bound(cold).Rebind(model.Helper, plan);
            clock.Restart();
            var coldStatus = cold.Solve();
            coldTimes.Add(clock.Elapsed.TotalMilliseconds);
            if (status == Solver.ResultStatus.OPTIMAL && coldStatus == Solver.ResultStatus.OPTIMAL)
            {
                var a = warm.Objective().Value();
                var b = cold.Objective().Value();
                difference = Math.Max(difference, Math.Abs(a - b) / Math.Max(1, Math.Abs(b)));
            }
        }
        return new Outcome(samples.Count, reloads, Median(rebind), Median(warmTimes), Median(coldTimes), difference);
    }

    /// <summary>First-stage values of the whole instance's optimum (SCIP alone on its MPS), by variable name.</summary>
    private static Dictionary<string, double> PlanValues(string mps)
    {
        var model = new MB.Model();
        model.Helper.ImportFromMpsString(mps);
        var scip = new MB.Solver("scip");
        scip.Solve(model);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < model.VariablesCount(); i++)
        {
            var name = model.Helper.VarName(i);
            if (FirstStage.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                values[name] = Math.Round(scip.Value(model.VarFromIndex(i)), 9);
            }
        }
        return values;
    }

    /// <summary>An MPSolver LP kept in step with a ModelBuilder model, touching only what changed.</summary>
    private sealed class Bound(Solver solver)
    {
        private readonly Dictionary<string, Variable> columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Constraint> rows = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double[]> last = new(StringComparer.Ordinal);

        /// <returns>True when the LP gained a column or row (GLOP then starts without its basis).</returns>
        public bool Rebind(MB.ModelBuilderHelper model, Dictionary<string, double> plan)
        {
            var grew = false;
            var byIndex = new Variable[model.VariablesCount()];
            var objective = solver.Objective();
            for (var i = 0; i < byIndex.Length; i++)
            {
                var name = model.VarName(i);
                double lower = model.VarLowerBound(i), upper = model.VarUpperBound(i);
                if (plan.TryGetValue(name, out var fixedAt))
                {
                    (lower, upper) = (fixedAt, fixedAt);
                }
                if (!columns.TryGetValue(name, out var column))
                {
                    column = columns[name] = solver.MakeNumVar(lower, upper, name);
                    grew = true;
                }
                byIndex[i] = column;
                var cost = model.VarObjectiveCoefficient(i);
                if (Changed("v:" + name, lower, upper, cost))
                {
                    column.SetBounds(lower, upper);
                    objective.SetCoefficient(column, cost);
                }
            }
            objective.SetMinimization();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < model.ConstraintsCount(); r++)
            {
                var name = model.ConstraintName(r);
                seen.Add(name);
                double lower = model.ConstraintLowerBound(r), upper = model.ConstraintUpperBound(r);
                if (!rows.TryGetValue(name, out var row))
                {
                    row = rows[name] = solver.MakeConstraint(lower, upper, name);
                    grew = true;
                }
                var indices = model.ConstraintVarIndices(r);
                var coefficients = model.ConstraintCoefficients(r);
                if (Changed("r:" + name, [lower, upper, .. indices.Select(i => (double)i), .. coefficients]))
                {
                    row.SetBounds(lower, upper);
                    row.Clear();
                    for (var k = 0; k < indices.Length; k++)
                    {
                        row.SetCoefficient(byIndex[indices[k]], coefficients[k]);
                    }
                }
            }
            foreach (var (name, row) in rows.Where(r => !seen.Contains(r.Key)))
            {
                if (Changed("r:" + name, double.NegativeInfinity, double.PositiveInfinity))
                {
                    row.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
                }
            }
            return grew;
        }

        private bool Changed(string key, params double[] values)
        {
            if (last.TryGetValue(key, out var before) && before.AsSpan().SequenceEqual(values))
            {
                return false;
            }
            last[key] = values;
            return true;
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

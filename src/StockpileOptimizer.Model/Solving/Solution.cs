using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// A copy of a solver's variable values, indexed by variable. Extraction reads from it, so the
/// best plan of an earlier solve stage survives a later stage that is interrupted.
/// </summary>
internal sealed class Solution
{
    private readonly StockpileModel model;
    private readonly double[] values;

    private Solution(StockpileModel model, double[] values) => (this.model, this.values) = (model, values);

    public static Solution Capture(StockpileModel model) =>
        new(model, model.Variables.Select(v => v.SolutionValue()).ToArray());

    public double this[Variable variable] => values[model.IndexOf(variable)];

    /// <summary>Hands the values to the solver as a starting solution for its next solve.</summary>
    public void Hint(Solver solver) => solver.SetHint(model.Variables.ToArray(), values);
}

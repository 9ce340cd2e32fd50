using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>How one sample's recourse LP ended; the scenario path (cost, shortages) when it was solved to optimality.</summary>
public sealed record RecourseOutcome(Termination Termination, string Message, ScenarioPath? Path)
{
    /// <summary>The outcome of a full solve of the one-scenario instance.</summary>
    public static RecourseOutcome Of(SolveResult result) => new(
        result.Solver.Termination, result.Solver.Message,
        result.Solver.Termination == Termination.Optimal && result.Scenarios.Count == 1 ? result.Scenarios[0] : null);
}

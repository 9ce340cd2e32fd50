using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>Exit codes from results (docs/cli.md, "Exit codes").</summary>
internal static class Outcomes
{
    /// <summary>0 with a plan (optimal, feasible, or the best within a time limit); 4 infeasible; 5 no plan in time; 1 solver error.</summary>
    public static int OfSolve(SolveResult result) => result.Solver.Termination switch
    {
        Termination.Optimal or Termination.Feasible => ExitCodes.Ok,
        Termination.Infeasible => ExitCodes.Infeasible,
        Termination.TimeLimit or Termination.Cancelled => result.Policy is null ? ExitCodes.NoPlan : ExitCodes.Ok,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>A plan from sampled futures, as a solve: a cancelled or time-limited run with a plan still has one (0).</summary>
    public static int OfSaa(SaaResult result) => result.Termination switch
    {
        Termination.Optimal or Termination.Feasible when result.Policy is not null => ExitCodes.Ok,
        Termination.Infeasible => ExitCodes.Infeasible,
        Termination.TimeLimit or Termination.Cancelled => result.Policy is null ? ExitCodes.NoPlan : ExitCodes.Ok,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>
    /// For an analysis made of many solves: 0 when it ran to the end and at least
    /// <paramref name="needed"/> of its solves have a plan; otherwise 5 when it was
    /// cancelled or a solve ran out of time, 4 when solves were infeasible.
    /// </summary>
    public static int OfAnalysis(bool cancelled, IReadOnlyCollection<(Termination Termination, bool HasPlan)> solves, bool needsAll)
    {
        var planned = solves.Count(s => s.HasPlan);
        var enough = needsAll ? planned == solves.Count : planned > 0;
        if (!cancelled && enough)
        {
            return ExitCodes.Ok;
        }
        if (cancelled || solves.Any(s => !s.HasPlan && s.Termination is Termination.TimeLimit or Termination.Cancelled))
        {
            return ExitCodes.NoPlan;
        }
        return solves.Any(s => s.Termination == Termination.Infeasible) ? ExitCodes.Infeasible : ExitCodes.Unexpected;
    }
}

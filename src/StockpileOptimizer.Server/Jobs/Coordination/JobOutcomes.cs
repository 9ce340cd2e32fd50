using System.Text.Json;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>The state change that stores how a solve or an analysis ended.</summary>
internal static class JobOutcomes
{
    public static JobTransition Solve(DateTimeOffset now, SolveResult? result, Exception? error)
    {
        if (result is null)
        {
            return error switch
            {
                OperationCanceledException => new JobTransition(JobState.Cancelled, now, "cancelled before a feasible plan was found (no incumbent yet)"),
                InvalidInstanceException e => Failed(now, e.Message),
                _ => Failed(now, error?.Message ?? "the solve returned nothing"),
            };
        }
        var facts = result.Solver;
        // The engine's message already says what happened ("cancelled; best plan found so far, gap …");
        // without one, the termination ("optimal", "infeasible", …) is the message.
        var message = facts.Message.Length > 0 ? facts.Message : JsonNamingPolicy.KebabCaseLower.ConvertName(facts.Termination.ToString());
        return facts.Termination switch
        {
            // The solver gave up (numerical trouble, say): the job failed, but its result says how.
            Termination.Error => Failed(now, message) with { Result = result, Objective = facts.Objective, BestBound = facts.BestBound, Gap = facts.Gap },
            _ => new JobTransition(
                facts.Termination == Termination.Cancelled ? JobState.Cancelled : JobState.Succeeded,
                now, message, Result: result, Objective: facts.Objective, BestBound: facts.BestBound, Gap: facts.Gap),
        };
    }

    /// <summary>An analysis's result (SUCCEEDED, or CANCELLED with the partial result), or FAILED with the reason.</summary>
    public static JobTransition Analysis(DateTimeOffset now, AnalysisResult? result, Exception? error)
    {
        if (result is null)
        {
            return error switch
            {
                OperationCanceledException => new JobTransition(JobState.Cancelled, now, "cancelled before the analysis produced a result"),
                InvalidInstanceException e => Failed(now, e.Message),
                _ => Failed(now, error?.Message ?? "the analysis returned nothing"),
            };
        }
        return new JobTransition(result.Cancelled ? JobState.Cancelled : JobState.Succeeded, now, result.Message, Analysis: result);
    }

    private static JobTransition Failed(DateTimeOffset now, string error) => new(JobState.Failed, now, $"failed: {error}", Error: error);
}

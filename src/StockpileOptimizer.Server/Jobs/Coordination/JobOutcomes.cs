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
                OperationCanceledException => Cancelled(now, "cancelled before a feasible plan was found (no incumbent yet)"),
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
            Termination.Cancelled => Cancelled(now, message) with { Result = result, Objective = facts.Objective, BestBound = facts.BestBound, Gap = facts.Gap },
            _ => new JobTransition(JobState.Succeeded, now, message, Result: result, Objective: facts.Objective, BestBound: facts.BestBound, Gap: facts.Gap),
        };
    }

    /// <summary>An analysis's result (SUCCEEDED, or CANCELLED with the partial result), or FAILED with the reason.</summary>
    public static JobTransition Analysis(DateTimeOffset now, AnalysisResult? result, Exception? error)
    {
        if (result is null)
        {
            return error switch
            {
                OperationCanceledException => Cancelled(now, "cancelled before the analysis produced a result"),
                InvalidInstanceException e => Failed(now, e.Message),
                _ => Failed(now, error?.Message ?? "the analysis returned nothing"),
            };
        }
        return result.Cancelled
            ? Cancelled(now, result.Message) with { Analysis = result }
            : new JobTransition(JobState.Succeeded, now, result.Message, Analysis: result);
    }

    /// <summary>A cancelled job keeps the note in its error field, as the API says (Job.error: "a note on a CANCELLED job").</summary>
    public static JobTransition Cancelled(DateTimeOffset now, string note) => new(JobState.Cancelled, now, note, Error: note);

    private static JobTransition Failed(DateTimeOffset now, string error) => new(JobState.Failed, now, $"failed: {error}", Error: error);
}

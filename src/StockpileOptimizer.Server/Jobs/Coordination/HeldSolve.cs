using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// For tests only (<see cref="JobOptions.TestHoldSolvesUntilCancelled"/>): a solve job that does
/// not solve. It blocks until the job's token fires (a cancel, the host stopping or losing the
/// job: CANCELLED) or until its time limit passes on the host's clock (TIME_LIMIT), and returns
/// no plan. Tests of cancellation, deadlines, queues and restarts get a solve that cannot end on
/// its own, whatever the machine's speed. Analyses are not held.
/// </summary>
internal static class HeldSolve
{
    public const string Note = $"held, not solved ({JobOptions.Section}:{nameof(JobOptions.TestHoldSolvesUntilCancelled)})";

    public static SolveResult Run(
        ValidatedInstance instance, SolveOptions options, IProgress<SolveProgress> progress, TimeProvider time, CancellationToken cancel)
    {
        var started = time.GetTimestamp();
        progress.Report(new SolveProgress { Kind = ProgressKind.Log, Message = Note + " until cancelled or the time limit" });
        var timedOut = true;
        try
        {
            Task.Delay(options.TimeLimit ?? Timeout.InfiniteTimeSpan, time, cancel).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            timedOut = false;
        }
        return new SolveResult
        {
            Fingerprint = instance.Fingerprint,
            Solver = new SolverFacts
            {
                Termination = timedOut ? Termination.TimeLimit : Termination.Cancelled,
                Solver = options.Solver.ToString().ToUpperInvariant(),
                Objective = double.NaN,
                BestBound = double.NaN,
                Gap = double.NaN,
                WallSeconds = time.GetElapsedTime(started).TotalSeconds,
                Message = (timedOut ? "time limit reached" : "cancelled") + "; " + Note,
            },
        };
    }
}

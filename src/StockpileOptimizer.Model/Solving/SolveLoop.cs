using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Solving;

/// <summary>What one MIP solve (possibly in stages) ended with. Objective and bound in solver units.</summary>
internal sealed record SolveOutcome(
    Solver.ResultStatus Status, Solution? Best, double Objective, double Bound, long Nodes, bool Cancelled, bool TimedOut);

/// <summary>
/// Runs the MIP in stages, and reports the incumbent and bound each stage reached — real
/// numbers, not estimates (OR-Tools exposes no SCIP callbacks to .NET, and its SCIP interface
/// cannot resume an interrupted search, so a bounded poll is how a watcher sees progress).
/// With SCIP and HiGHS the stages are bounded by branch-and-bound nodes (FirstStageNodes = 1,000, 4×,
/// 16×, …), whether or not anyone watches: a node limit stops the search at the same point on
/// every run, so the same input and seed give the same plan in-process and in the server, fast
/// machine or slow (only a time limit that cuts the solve short breaks this). Each later stage
/// starts from the incumbent as a hint; a solve that needs more than one stage costs at most
/// about a third more than one long solve. CBC takes no node limit through OR-Tools: it runs
/// in one solve, or, when progress is watched, in stages of doubling wall-clock length
/// (ProgressInterval, 2×, 4×, …), which are not reproducible. While a stage runs, a watcher
/// gets "still solving" log lines (Heartbeat).
/// </summary>
internal static class SolveLoop
{
    public static SolveOutcome Run(
        Solver solver, StockpileModel model, MPSolverParameters parameters, SolveOptions options, TimeSpan limit, double moneyScale,
        SolveClock clock, CancellationToken cancel, IProgress<SolveProgress>? progress)
    {
        var cancelled = false;
        // An interrupt that lands while OR-Tools is still loading the model into the solver is
        // lost (the solve resets it when it starts): once cancelled, the interrupt is repeated
        // until the stage returns.
        using var interrupter = new Timer(_ => solver.InterruptSolve(), null, Timeout.Infinite, Timeout.Infinite);
        using var registration = cancel.Register(() =>
        {
            cancelled = true;
            solver.InterruptSolve();
            interrupter.Change(TimeSpan.Zero, InterruptRepeat);
        });

        Solution? best = null;
        double bestObjective = double.PositiveInfinity, bestBound = double.NegativeInfinity;
        long nodes = 0;
        var status = Solver.ResultStatus.NOT_SOLVED;
        var nodeStages = solver.IsMip() && SolverFactory.NodeLimit(options.Solver, 1) is not null;
        // CBC, watched: stages by the clock. An LP (GLOP) is always one solve: an interrupted
        // simplex would restart from nothing.
        var clockStages = solver.IsMip() && !nodeStages && progress is not null;
        var specific = SolverFactory.Specific(solver, options.Solver, options);
        using var heartbeat = progress is null ? null : new Heartbeat(progress, clock, options.ProgressInterval);
        for (var stage = 0; ; stage++)
        {
            var remaining = limit == TimeSpan.MaxValue ? TimeSpan.MaxValue : limit - clock.Elapsed;
            if (cancel.IsCancellationRequested || remaining <= TimeSpan.Zero)
            {
                break;
            }
            var slice = clockStages ? Min(remaining, options.ProgressInterval * Math.Pow(2, Math.Min(stage, 20))) : remaining;
            if (slice != TimeSpan.MaxValue)
            {
                solver.SetTimeLimit((long)Math.Max(1, slice.TotalMilliseconds));
            }
            // The last node stage has no limit, so the loop ends whatever the solver reports.
            var nodeLimited = nodeStages && stage < NodeStageCount;
            if (nodeStages)
            {
                solver.SetSolverSpecificParametersAsString(nodeLimited ? specific + SolverFactory.NodeLimit(options.Solver, StageNodes(stage)) : specific);
            }
            heartbeat?.Stage = stage + 1;
            options.OnPhase?.Invoke(SolvePhase.Stage);
            status = solver.Solve(parameters);
            // Nodes() is for MIPs; on an LP OR-Tools logs a complaint per call.
            nodes += solver.IsMip() && (status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE) ? solver.Nodes() : 0;
            if (status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)
            {
                var objective = solver.Objective().Value();
                if (best is null || objective < bestObjective)
                {
                    (best, bestObjective) = (Solution.Capture(model), objective);
                }
                // An LP solved to optimality is its own bound.
                var bound = solver.IsMip() ? solver.Objective().BestBound()
                    : status == Solver.ResultStatus.OPTIMAL ? objective : double.NegativeInfinity;
                // SCIP reports ±1e20 (its infinity) when it has no bound yet.
                if (Math.Abs(bound) < NoBound)
                {
                    bestBound = Math.Max(bestBound, bound);
                }
            }
            var gap = best is null || !double.IsFinite(bestBound) ? double.NaN : RelativeGap(bestObjective, bestBound);
            progress?.Report(new SolveProgress
            {
                Kind = ProgressKind.Incumbent,
                Elapsed = clock.Elapsed,
                Message = best is null
                    ? $"stage {stage + 1}: no feasible plan yet"
                    : double.IsNaN(gap)
                        ? $"stage {stage + 1}: incumbent {bestObjective / moneyScale:G8}, no bound yet"
                        : $"stage {stage + 1}: incumbent {bestObjective / moneyScale:G8}, bound {bestBound / moneyScale:G8}, gap {gap:P3}",
                Objective = best is null ? null : bestObjective / moneyScale,
                BestBound = double.IsFinite(bestBound) ? bestBound / moneyScale : null,
                Gap = double.IsNaN(gap) ? null : gap,
                Nodes = nodes,
            });
            var lastStage = nodeStages ? !nodeLimited : !clockStages;
            var done = status is not (Solver.ResultStatus.FEASIBLE or Solver.ResultStatus.NOT_SOLVED)
                || lastStage
                || (best is not null && !double.IsNaN(gap) && gap <= options.RelativeGap);
            if (done || cancelled)
            {
                break;
            }
            solver.Reset();
            best?.Hint(solver);
        }

        cancelled |= cancel.IsCancellationRequested;
        var timedOut = !cancelled && limit != TimeSpan.MaxValue && clock.Elapsed >= limit * 0.98;
        if (best is not null)
        {
            var optimal = status == Solver.ResultStatus.OPTIMAL || RelativeGap(bestObjective, bestBound) <= options.RelativeGap;
            status = optimal ? Solver.ResultStatus.OPTIMAL : Solver.ResultStatus.FEASIBLE;
            bestBound = Math.Min(bestBound, bestObjective);
        }
        return new SolveOutcome(status, best, bestObjective, bestBound, nodes, cancelled, timedOut);
    }

    private const double NoBound = 1e19;

    /// <summary>How often a cancelled solve is interrupted again until it returns.</summary>
    private static readonly TimeSpan InterruptRepeat = TimeSpan.FromMilliseconds(50);

    /// <summary>Node-limited stages before a last one without a limit (the last limit is 1.7e10 nodes).</summary>
    private const int NodeStageCount = 13;

    /// <summary>Nodes of the first stage; most instances finish within it.</summary>
    private const long FirstStageNodes = 1_000;

    /// <summary>The node limit of stage k: FirstStageNodes × 4^k.</summary>
    private static long StageNodes(int stage) => FirstStageNodes << (2 * stage);

    public static double RelativeGap(double objective, double bound) =>
        Math.Abs(objective - bound) / Math.Max(1, Math.Abs(objective));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

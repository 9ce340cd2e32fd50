using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Runs independent solves within a solver-thread budget: each solve gets
/// min(Threads, budget) threads and ⌊budget / threads⌋ solves run at once, so an analysis
/// never uses more solver threads than the job queue granted it. Results come back in input
/// order whatever the completion order. On cancellation the solves in flight end with their
/// best-so-far (StockpileSolver honours the token) and the ones not yet started are skipped:
/// their slot in the result is null.
/// </summary>
internal static class ParallelSolves
{
    /// <summary>Analyses need neither shadow prices nor the elastic diagnosis of each solve.</summary>
    public static readonly SolveOptions DefaultSolve = new() { ShadowPrices = false, DiagnoseInfeasibility = false };

    /// <summary>A solve that ended with a plan it was not interrupted in (a cancelled solve's incumbent is not its answer).</summary>
    public static bool HasPlan([NotNullWhen(true)] SolveResult? result) =>
        result is { Policy: not null } && result.Solver.Termination != Termination.Cancelled;

    /// <summary>One line for a progress report: termination and objective.</summary>
    public static string Describe(SolveResult result) => result.Policy is null
        ? $"{result.Solver.Termination.ToString().ToLowerInvariant()}: no plan"
        : $"{result.Solver.Termination.ToString().ToLowerInvariant()}, objective {result.Solver.Objective:N2} USD";

    public static SolveOptions WithinBudget(SolveOptions solve, int maxParallelism) =>
        solve with { Threads = Math.Clamp(solve.Threads, 1, Math.Max(1, maxParallelism)) };

    /// <summary>Solves at once: as many as the farm runs, or as the thread budget holds in this process.</summary>
    public static int Concurrency(SolveOptions solve, int maxParallelism, Sampling.ISolveFarm? farm = null) =>
        farm is not null ? Math.Max(1, farm.Parallelism) : Math.Max(1, Math.Max(1, maxParallelism) / Math.Max(1, solve.Threads));

    /// <summary>One solve, on the farm when there is one.</summary>
    /// <remarks>A farm may end a cancelled call with OperationCanceledException; that solve is then reported cancelled, without a plan, as an interrupted solve in process is.</remarks>
    public static SolveResult Solve(Sampling.ISolveFarm? farm, StockpileInstance instance, SolveOptions options, CancellationToken cancel)
    {
        if (farm is null)
        {
            return StockpileSolver.Solve(instance, options, cancel);
        }
        try
        {
            return farm.SolveAsync(instance, options, cancel).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new SolveResult { Solver = new SolverFacts { Termination = Termination.Cancelled, Message = "cancelled before the solve ended" } };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The farm gave up (a cluster that kept losing the call): this solve has no plan, the others go on.
            return new SolveResult { Solver = new SolverFacts { Termination = Termination.Error, Message = "the solve farm failed: " + e.Message } };
        }
    }

    public static TResult?[] Run<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int concurrency,
        Func<TItem, TResult> solve,
        Func<TItem, TResult, (string Item, string Message)> describe,
        Stopwatch clock,
        CancellationToken cancel,
        IProgress<AnalysisProgress>? progress,
        int doneBefore = 0,
        int? total = null)
        where TResult : class
    {
        var results = new TResult?[items.Count];
        var completed = doneBefore;
        var gate = new object();
        void One(int i)
        {
            var result = solve(items[i]);
            results[i] = result;
            var (item, message) = describe(items[i], result);
            // Under the lock so that watchers see 1, 2, 3, … in order.
            lock (gate)
            {
                completed++;
                progress?.Report(new AnalysisProgress
                {
                    Completed = completed, Total = total ?? items.Count, Item = item, Message = message, Elapsed = clock.Elapsed,
                });
            }
        }

        if (concurrency <= 1)
        {
            // In input order on the caller's thread: a solve may build on the one before (warm starts).
            for (var i = 0; i < items.Count && !cancel.IsCancellationRequested; i++)
            {
                One(i);
            }
            return results;
        }
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, (i, loop) =>
            {
                if (cancel.IsCancellationRequested)
                {
                    loop.Stop();
                    return;
                }
                One(i);
            });
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }
        return results;
    }
}

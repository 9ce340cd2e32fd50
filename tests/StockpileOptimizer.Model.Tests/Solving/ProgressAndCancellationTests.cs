using System.Collections.Concurrent;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

public sealed class ProgressAndCancellationTests
{
    /// <summary>Solves in well under a second in one go.</summary>
    private static readonly StockpileInstance Medium = InstanceGenerator.Generate(new GeneratorSpec());

    /// <summary>Takes several seconds (about 20 s alone): a solve that cannot end on its own before it is cancelled.</summary>
    private static readonly StockpileInstance Larger = InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 60 });

    [Fact]
    public void Watched_solves_report_real_incumbents_and_reach_the_same_optimum()
    {
        var events = new ConcurrentQueue<SolveProgress>();
        var watched = StockpileSolver.Solve(Medium, new SolveOptions { ProgressInterval = TimeSpan.FromMilliseconds(50), ShadowPrices = false },
            progress: new SyncProgress(events.Enqueue));
        var plain = StockpileSolver.Solve(Medium, new SolveOptions { ShadowPrices = false });

        Assert.Equal(Termination.Optimal, watched.Solver.Termination);
        Assert.Equal(plain.Solver.Objective, watched.Solver.Objective, 1e-4 * plain.Solver.Objective);
        var incumbents = events.Where(e => e.Kind == ProgressKind.Incumbent && e.Objective is not null).ToList();
        Assert.NotEmpty(incumbents);
        // Each reported incumbent is a plan the solver found, so never better than the optimum,
        // and never worse than the one reported before it; bounds never pass the incumbent.
        Assert.All(incumbents, e => Assert.True(e.Objective >= watched.Solver.BestBound - 1e-6 * Math.Abs(e.Objective!.Value)));
        Assert.All(incumbents, e => Assert.True(e.BestBound is null || e.BestBound <= e.Objective + 1e-9));
        for (var i = 1; i < incumbents.Count; i++)
        {
            Assert.True(incumbents[i].Objective <= incumbents[i - 1].Objective + 1e-9);
        }
        Assert.Equal(watched.Solver.Objective, incumbents[^1].Objective!.Value, 1e-6 * watched.Solver.Objective);
        Assert.Contains(events, e => e.Kind == ProgressKind.Phase && e.Message.StartsWith("building", StringComparison.Ordinal));
    }

    // The cancellation and time-limit tests stop the solve on an event of the solve itself (the
    // "solving" phase), or with a token cancelled or a limit passed before the solver starts,
    // never after a wait, so none depends on how fast the machine is.

    [Fact]
    public void Cancelling_once_solving_has_started_says_there_is_no_incumbent_yet()
    {
        using var cancel = new CancellationTokenSource();
        var result = StockpileSolver.Solve(Larger, new SolveOptions(), cancel.Token, new SyncProgress(e =>
        {
            if (e.Kind == ProgressKind.Phase && e.Message.StartsWith("solving with", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }));

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.Null(result.Policy);
        Assert.Empty(result.Scenarios);
        Assert.Equal("cancelled before a feasible plan was found (no incumbent yet)", result.Solver.Message);
    }

    [Fact]
    public void A_cancel_that_lands_while_the_model_is_handed_to_the_solver_is_not_lost()
    {
        // The cancel arrives after the loop's own check and before OR-Tools starts SCIP (the test
        // hook runs exactly there), the moment at which a single interrupt used to be lost: the
        // solver reset it on starting and ran the stage to its end (Optimal, tens of seconds on a
        // loaded machine). The interrupt is repeated until the stage returns, so it ends cancelled.
        using var cancel = new CancellationTokenSource();
        var result = StockpileSolver.Solve(Larger, new SolveOptions { OnPhase = phase => { if (phase == SolvePhase.Stage) { cancel.Cancel(); } } }, cancel.Token);

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.StartsWith("cancelled", result.Solver.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_limit_passed_before_solving_ends_with_a_time_limit_termination_and_no_plan()
    {
        // One tick (100 ns): validating and building the model take longer on any machine, so
        // the limit has passed before the first stage and no stage runs.
        var result = StockpileSolver.Solve(Medium, new SolveOptions { TimeLimit = TimeSpan.FromTicks(1) });

        Assert.Equal(Termination.TimeLimit, result.Solver.Termination);
        Assert.Null(result.Policy);
        Assert.Equal("time limit reached before a feasible plan was found (no incumbent yet)", result.Solver.Message);
    }

    [Fact]
    public void A_cancelled_token_before_the_start_solves_nothing()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = StockpileSolver.Solve(Medium, cancel: cancel.Token);

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.Null(result.Policy);
    }

    /// <summary>Reports synchronously on the solver's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}

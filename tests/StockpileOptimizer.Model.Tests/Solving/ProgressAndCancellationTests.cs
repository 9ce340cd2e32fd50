using System.Collections.Concurrent;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

public sealed class ProgressAndCancellationTests
{
    /// <summary>Solves in well under a second in one go.</summary>
    private static readonly StockpileInstance Medium = InstanceGenerator.Generate(new GeneratorSpec());

    /// <summary>Takes a few seconds: long enough to time out mid-solve.</summary>
    private static readonly StockpileInstance Large = InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 });

    /// <summary>Takes several seconds (about 9 s alone): a cancel at 1.5 s lands mid-solve even on a busy machine.</summary>
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

    [Fact]
    public void Cancelling_mid_solve_returns_promptly_with_the_best_plan_so_far_or_says_there_is_none()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        var result = StockpileSolver.Solve(Larger, new SolveOptions { ProgressInterval = TimeSpan.FromMilliseconds(300) }, cancel.Token,
            new SyncProgress(_ => { }));

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.True(result.Solver.WallSeconds < 30, $"took {result.Solver.WallSeconds} s after cancel at 1.5 s");
        if (result.Policy is null)
        {
            Assert.Contains("no incumbent yet", result.Solver.Message, StringComparison.Ordinal);
        }
        else
        {
            // A plan found before any bound has no gap, and says so.
            Assert.True(result.Solver.Gap >= 0 || (double.IsNaN(result.Solver.BestBound) && result.Solver.Message.Contains("no bound yet")),
                result.Solver.Message);
            Assert.NotEmpty(result.Scenarios);
        }
    }

    [Fact]
    public void A_time_limit_ends_the_solve_with_a_time_limit_termination()
    {
        var result = StockpileSolver.Solve(Large, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), ShadowPrices = false });

        Assert.Equal(Termination.TimeLimit, result.Solver.Termination);
        Assert.True(result.Solver.WallSeconds < 30, $"took {result.Solver.WallSeconds} s with a 1 s limit");
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

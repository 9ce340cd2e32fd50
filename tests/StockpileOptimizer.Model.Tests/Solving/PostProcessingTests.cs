using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

/// <summary>
/// Cancellation in every phase of a solve, and a time limit that covers what follows the
/// solver: each test lands its cancel, or moves a fake clock, from the solve's phase hook, so
/// none depends on how fast the machine is.
/// </summary>
public sealed class PostProcessingTests
{
    /// <summary>Tiers and a build: a MIP with shadow prices and an explanation to compute.</summary>
    private static readonly StockpileInstance Mip = Generated.Small(31);

    [Theory]
    [InlineData(nameof(SolvePhase.Extract))]
    [InlineData(nameof(SolvePhase.ShadowPrices))]
    [InlineData(nameof(SolvePhase.Explain))]
    public void A_cancel_after_the_solver_stops_keeps_the_plan_skips_what_follows_and_says_cancelled(string phase)
    {
        var at = Enum.Parse<SolvePhase>(phase);
        using var cancel = new CancellationTokenSource();
        var result = StockpileSolver.Solve(Mip, new SolveOptions { Explain = true, OnPhase = p => { if (p == at) { cancel.Cancel(); } } }, cancel.Token);

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.NotNull(result.Policy);
        Assert.NotEmpty(result.Scenarios);
        // Shadow prices, then the explanation, follow extraction: a cancel at or before either skips it.
        Assert.Equal(at == SolvePhase.Explain, result.ShadowPrices is not null);
        Assert.Null(result.Explanation);
        Assert.Contains("cancelled after the solve ended; the plan stands", result.Solver.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_cancel_the_same_solve_has_shadow_prices_and_an_explanation()
    {
        var result = StockpileSolver.Solve(Mip, new SolveOptions { Explain = true });

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.NotNull(result.ShadowPrices);
        Assert.NotNull(result.Explanation);
        Assert.Equal("", result.Solver.Message);
    }

    [Fact]
    public void A_cancel_during_the_diagnosis_of_an_infeasible_instance_ends_it_cancelled_without_a_diagnosis()
    {
        var infeasible = Mip with { Countries = Mip.Countries.Select(c => c with { BudgetUsd = 0 }).ToArray(),
            Policy = Mip.Policy with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m1", Months = 12 }] } };
        using var cancel = new CancellationTokenSource();
        var result = StockpileSolver.Solve(infeasible, new SolveOptions { OnPhase = p => { if (p == SolvePhase.Diagnose) { cancel.Cancel(); } } }, cancel.Token);

        Assert.Equal(Termination.Cancelled, result.Solver.Termination);
        Assert.Null(result.Diagnosis);
        Assert.Null(result.Policy);
    }

    [Fact]
    public void A_time_limit_that_runs_out_after_the_solver_keeps_the_plan_and_says_what_was_not_computed()
    {
        // The fake clock stands still while the solver runs and jumps past the limit as
        // extraction begins: the plan is kept, shadow prices and the explanation are skipped.
        var clock = new ManualTime();
        var result = StockpileSolver.Solve(Mip, new SolveOptions
        {
            Explain = true,
            TimeLimit = TimeSpan.FromHours(1),
            Time = clock,
            OnPhase = p => { if (p == SolvePhase.Extract) { clock.Advance(TimeSpan.FromHours(2)); } },
        });

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.NotNull(result.Policy);
        Assert.Null(result.ShadowPrices);
        Assert.Null(result.Explanation);
        Assert.Equal("time limit reached after the solve ended; the plan stands, shadow prices and the explanation not computed", result.Solver.Message);
    }

    [Fact]
    public void The_solver_is_given_the_time_limit_less_a_share_for_what_follows()
    {
        // With the clock at a standstill the MIP's own limit is 85 % of the whole: a limit of
        // 100 h leaves the stages 85 h, which no small instance reaches; then every phase runs.
        var clock = new ManualTime();
        var result = StockpileSolver.Solve(Mip, new SolveOptions { Explain = true, TimeLimit = TimeSpan.FromHours(100), Time = clock });

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.NotNull(result.ShadowPrices);
        Assert.NotNull(result.Explanation);
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// Cancelling a decomposition (or running out of iterations) returns what it has: the best integer plan so far with its value,
/// bound and gap, or no plan while only the relaxed master has run. The cancellation is driven
/// by events (a progress report, a subproblem call), never by time, so each test stops at the
/// same point on every run.
/// </summary>
public sealed class BendersCancellationTests
{
    // A generated instance (format 1, tiers and a joint investment, CVaR) on 8 sampled futures,
    // aggregated cuts: its integer phase takes several iterations, the first three with an open gap.
    private static readonly Lazy<(StockpileInstance Instance, SaaAnalysisSpec Spec, SaaResult Full)> Case = new(() =>
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 2, Materials = 2, Periods = 3, Scenarios = 4, ProducersPerCountry = 1, Investments = 1, Tiers = 2,
            RiskWeight = 0.2, Seed = 25,
        });
        var spec = Spec(ScenarioGenerator.Sample(instance, GeneratedDistribution, 8, 25), cutGroups: 1);
        return (instance, spec, Benders(instance, spec));
    });

    /// <summary>The first "mip" iteration whose gap is still open (the uncancelled run's record).</summary>
    private static DecompositionIteration FirstOpenIntegerIteration()
    {
        var full = Case.Value.Full;
        Assert.Equal(Termination.Optimal, full.Termination);
        var open = full.Iterations.FirstOrDefault(r => r.Phase == "mip" && double.IsFinite(r.UpperBoundUsd) && r.Gap > Gap);
        Assert.True(open is not null, "the case's integer phase closes at once: it no longer tests a cancelled integer phase");
        return open;
    }

    [Fact]
    public void Cancelled_after_an_integer_iteration_keeps_its_plan_and_gap()
    {
        var (instance, spec, _) = Case.Value;
        var k = FirstOpenIntegerIteration();
        using var cancel = new CancellationTokenSource();
        var progress = new Inline(p =>
        {
            if (p.Completed == k.Iteration)
            {
                cancel.Cancel();
            }
        });

        var result = Benders(instance, spec, progress, cancel: cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(Termination.Cancelled, result.Termination);
        Assert.Equal(k.Iteration, result.Iterations.Count);
        Assert.NotNull(result.Policy);
        Assert.Equal(k.UpperBoundUsd, result.ObjectiveUsd, 1e-9 * Math.Abs(k.UpperBoundUsd));
        Assert.Equal(k.LowerBoundUsd, result.BoundUsd, 1e-9 * Math.Abs(k.UpperBoundUsd));
        Assert.Equal(k.Gap, result.Gap, 1e-9);
        Assert.True(result.Gap > Gap);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Cancelled_in_the_relaxed_phase_without_a_start_plan_has_no_plan()
    {
        // Five samples: no more than SaaAnalysis.StartSamples, so no start plan either.
        var (instance, spec, _) = Case.Value;
        var five = spec with { Scenarios = Reweighted(spec.Scenarios!.Take(SaaAnalysis.StartSamples)) };
        using var cancel = new CancellationTokenSource();
        var progress = new Inline(_ => cancel.Cancel());

        var result = Benders(instance, five, progress, cancel: cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(Termination.Cancelled, result.Termination);
        Assert.Single(result.Iterations);
        Assert.Equal("lp", result.Iterations[0].Phase);
        Assert.Null(result.Policy);
        Assert.True(double.IsNaN(result.ObjectiveUsd));
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Cancelled_in_the_relaxed_phase_keeps_the_start_plan_with_its_value_and_gap()
    {
        // Eight samples: the decomposition starts from the extensive plan of the first five, a
        // feasible integer plan whose value on all eight is known before the first iteration.
        var (instance, spec, full) = Case.Value;
        Assert.Equal("lp", full.Iterations[0].Phase);
        using var cancel = new CancellationTokenSource();
        var progress = new Inline(_ => cancel.Cancel());

        var result = Benders(instance, spec, progress, cancel: cancel.Token);

        Assert.Equal(Termination.Cancelled, result.Termination);
        Assert.Single(result.Iterations);
        Assert.NotNull(result.Policy);
        Assert.True(double.IsFinite(result.ObjectiveUsd), $"the start plan's value is {result.ObjectiveUsd}");
        Assert.True(result.ObjectiveUsd >= full.BoundUsd - 1e-6 * Math.Abs(full.BoundUsd), "a plan cannot beat the optimum's bound");
        Assert.Equal(result.Iterations[0].LowerBoundUsd, result.BoundUsd);
        Assert.Equal((result.ObjectiveUsd - result.BoundUsd) / Math.Abs(result.ObjectiveUsd), result.Gap, 1e-9);
    }

    private static Scenario[] Reweighted(IEnumerable<Scenario> samples)
    {
        var list = samples.ToArray();
        var total = list.Sum(s => s.Probability);
        return list.Select(s => s with { Probability = s.Probability / total }).ToArray();
    }

    [Fact]
    public void Cancelled_while_the_subproblems_run_keeps_the_last_integer_plan()
    {
        // The token is cancelled as the farm receives the first batch of the round after
        // iteration k: that round's answers never come, and the plan of iteration k stands.
        var (instance, spec, _) = Case.Value;
        var k = FirstOpenIntegerIteration();
        using var cancel = new CancellationTokenSource();
        var reported = 0;
        var progress = new Inline(p => reported = p.Completed);
        using var farm = new RecordingFarm
        {
            BeforeCall = _ =>
            {
                if (reported == k.Iteration)
                {
                    cancel.Cancel();
                }
            },
        };

        var result = Benders(instance, spec, progress, farm, cancel.Token);

        Assert.True(result.Cancelled, $"{result.Termination}: {result.Message}");
        Assert.Equal(Termination.Cancelled, result.Termination);
        Assert.Equal(k.Iteration, result.Iterations.Count);
        Assert.NotNull(result.Policy);
        Assert.Equal(k.UpperBoundUsd, result.ObjectiveUsd, 1e-9 * Math.Abs(k.UpperBoundUsd));
        Assert.Equal(k.Gap, result.Gap, 1e-9);
    }

    [Fact]
    public void Cancelled_during_the_wait_and_see_bounds_ends_cancelled_not_in_error()
    {
        var (instance, spec, _) = Case.Value;
        using var cancel = new CancellationTokenSource();
        using var farm = new RecordingFarm { BeforeCall = call => cancel.Cancel() };

        var result = Benders(instance, spec, null, farm, cancel.Token);

        Assert.True(result.Cancelled, $"{result.Termination}: {result.Message}");
        Assert.Equal(Termination.Cancelled, result.Termination);
        Assert.Empty(result.Iterations);
        Assert.Null(result.Policy);
    }

    [Fact]
    public void Out_of_iterations_after_an_integer_iteration_returns_its_plan_as_feasible()
    {
        var (instance, spec, _) = Case.Value;
        var k = FirstOpenIntegerIteration();

        var result = Benders(instance, spec with { MaxIterations = k.Iteration });

        Assert.Equal(Termination.Feasible, result.Termination);
        Assert.False(result.Cancelled);
        Assert.Equal(k.Iteration, result.Iterations.Count);
        Assert.NotNull(result.Policy);
        Assert.Equal(k.UpperBoundUsd, result.ObjectiveUsd, 1e-9 * Math.Abs(k.UpperBoundUsd));
        Assert.Equal(k.Gap, result.Gap, 1e-9);
        Assert.Contains("iterations", result.Message);
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// The start ladder (docs/sampling.md): a decomposition of N samples, N / 10 above
/// <see cref="SaaAnalysis.StartSamples"/>, starts from the plan of its first N / 10 samples. Only
/// the start changes: the answer is still the full problem's optimum, to the gap.
/// </summary>
public sealed class BendersLadderTests
{
    private static readonly StockpileInstance Instance = InstanceGenerator.Generate(new GeneratorSpec
    {
        Countries = 2, Materials = 2, Periods = 3, Scenarios = 4, ProducersPerCountry = 1, Investments = 1, Tiers = 2,
        RiskWeight = 0.2, Seed = 2,
    });

    [Fact]
    public void Many_samples_start_from_the_plan_of_the_first_tenth_and_still_equal_the_extensive_form()
    {
        var samples = ScenarioGenerator.Sample(Instance, GeneratedDistribution, 120, 11);
        var events = new List<AnalysisProgress>();

        var benders = Benders(Instance, Spec(samples), new Inline(events.Add));
        var extensive = Extensive(Instance, Spec(samples));

        AssertSameValue(benders, extensive, "v1 seed 2, λ = 0.2, 120 samples");
        Assert.StartsWith("requested; started from the plan of the first 12 samples (benders, ", benders.MethodReason, StringComparison.Ordinal);
        // The rung comes first: an event naming it, then its own iterations, named as the start
        // plan's, at 0 iterations done and without bounds (they are not this problem's).
        var rung = events.TakeWhile(e => e.Completed == 0).ToArray();
        Assert.Equal("start plan: the first 12 samples", rung[0].Item);
        Assert.True(rung.Length > 1, "the rung's iterations were not reported");
        Assert.All(rung.Skip(1), e => Assert.StartsWith("start plan (the first 12 samples): iteration ", e.Item, StringComparison.Ordinal));
        Assert.All(rung, e => Assert.Equal((null, null, null), (e.LowerBoundUsd, e.UpperBoundUsd, e.Gap)));
        Assert.Equal(Enumerable.Range(1, benders.Iterations.Count), events.Skip(rung.Length).Select(e => e.Completed));
        Assert.Equal(benders.Iterations.Select(i => i.LowerBoundUsd), events.Skip(rung.Length).Select(e => e.LowerBoundUsd!.Value));
    }

    [Fact]
    public void The_start_is_the_rungs_plan_and_its_value_on_all_samples_bounds_the_first_iteration()
    {
        // Risk-neutral, so the start point has no η: its value is the plan's recourse on every sample.
        var instance = Instance with { Policy = Instance.Policy with { RiskWeight = 0 } };
        var samples = ScenarioGenerator.Sample(instance, GeneratedDistribution, 120, 11);
        // The rung as the ladder builds it: the first 12 samples, their probabilities rescaled.
        var weight = samples.Take(12).Sum(s => s.Probability);
        var rung = samples.Take(12).Select(s => s with { Probability = s.Probability / weight }).ToArray();

        var full = Benders(instance, Spec(samples));
        var first = Benders(instance, Spec(rung));
        // The rung's plan, its recourse re-solved on all 120 samples: the incumbent the full decomposition starts with.
        var onAll = StockpileSolver.Solve(instance with { Scenarios = samples.ToArray() }, new SolveOptions { FixedPolicy = first.Policy });

        Assert.Equal(Termination.Optimal, first.Termination);
        Assert.Equal(Termination.Optimal, onAll.Solver.Termination);
        Assert.Contains($"(benders, {first.Iterations.Count} iterations, gap ", full.MethodReason, StringComparison.Ordinal);
        var tolerance = 1e-6 * Math.Abs(onAll.Solver.Objective);
        Assert.True(full.Iterations[0].UpperBoundUsd <= onAll.Solver.Objective + tolerance,
            $"the first iteration's upper bound {full.Iterations[0].UpperBoundUsd} is above the start plan's value {onAll.Solver.Objective}");
        Assert.True(full.ObjectiveUsd <= onAll.Solver.Objective + (Gap + 1e-6) * Math.Abs(onAll.Solver.Objective),
            "the decomposition ended worse than its start by more than the gap");
    }

    [Fact]
    public void Up_to_ten_times_the_start_samples_start_from_the_extensive_form_of_five()
    {
        var samples = ScenarioGenerator.Sample(Instance, GeneratedDistribution, SaaAnalysis.LadderRatio * SaaAnalysis.StartSamples + 9, 11);

        var benders = Benders(Instance, Spec(samples));

        Assert.Equal("requested; started from the extensive form of the first 5 samples", benders.MethodReason);
    }
}

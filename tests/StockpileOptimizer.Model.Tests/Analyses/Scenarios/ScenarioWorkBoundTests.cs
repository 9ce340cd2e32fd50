using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;

namespace StockpileOptimizer.Model.Tests.Analyses.Scenarios;

/// <summary>
/// A scenario generation is bounded before it starts (count² × reduceTo, WorkChecks) and stops
/// when its token is cancelled: the sampler checks it before each scenario, the reduction before
/// each row of distances and each selection step (docs/reliability.md).
/// </summary>
public sealed class ScenarioWorkBoundTests
{
    private static readonly StockpileInstance Default = InstanceJson.Default();
    private static readonly ValidatedInstance Valid = ValidatedInstance.Validate(Default).Valid!;

    [Fact]
    public void The_measured_24_second_reduction_is_refused_naming_reduceTo()
    {
        // 4,000² × 3,999 = 63,984,000,000 > 2,500,000,000; at most 2.5e9 / 4,000² = 156 kept.
        var problems = WorkChecks.Check(new ScenarioGenerationSpec { Count = 4_000, ReduceTo = 3_999, Seed = 1 }, Valid);

        var problem = Assert.Single(problems);
        Assert.Equal("reduceTo", problem.Path);
        Assert.Contains("63,984,000,000", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at most 156", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4_000, 156, true)] // 4,000² × 156 = 2,496,000,000 ≤ 2.5e9
    [InlineData(4_000, 157, false)] // 4,000² × 157 = 2,512,000,000
    [InlineData(1_357, 1_356, true)] // 1,357² × 1,356 ≈ 2.497e9: any reduction of up to 1,357 scenarios
    [InlineData(10_000, 10_000, true)] // no reduction: keeping them all costs nothing
    public void The_bound_is_count_squared_times_reduceTo(int count, int reduceTo, bool accepted)
    {
        var problems = WorkChecks.Check(new ScenarioGenerationSpec { Count = count, ReduceTo = reduceTo }, Valid);

        Assert.Equal(accepted, problems.Count == 0);
        Assert.True(accepted || (long)count * count * reduceTo > WorkChecks.MaxReductionWork);
    }

    [Fact]
    public void A_cancelled_token_stops_the_sampling()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 50, 3, cancelled.Token));
    }

    [Fact]
    public void A_cancelled_token_stops_the_reduction()
    {
        var sampled = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 50, 3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ScenarioReduction.FastForward(sampled, 5, Default, cancel: cancelled.Token));
        // The same call with a live token reduces: only the token made the difference.
        Assert.Equal(5, ScenarioReduction.FastForward(sampled, 5, Default, cancel: CancellationToken.None).Kept.Count);
    }

    [Fact]
    public void The_application_passes_the_token_down()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var spec = new ScenarioGenerationSpec { Count = 40, ReduceTo = 4, Seed = 9 };

        Assert.ThrowsAny<OperationCanceledException>(() => StockpileApplication.Run(Valid, spec, cancelled.Token));
        Assert.Equal(4, StockpileApplication.Run(Valid, spec, CancellationToken.None).Scenarios.Count);
    }
}

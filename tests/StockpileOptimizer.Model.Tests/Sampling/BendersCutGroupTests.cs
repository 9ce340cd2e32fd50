using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// Aggregated cuts (one group), multi-cut (one group per sample) and groups in between solve
/// the same problem; whatever the grouping, the iteration records are those of a sound
/// decomposition: a lower bound that never falls, an integer upper bound that never rises,
/// and a final gap within the one asked for.
/// </summary>
public sealed class BendersCutGroupTests
{
    // A generated instance (two countries, tiers and a joint investment, CVaR) on 8 sampled futures.
    private static readonly Lazy<(StockpileInstance Instance, IReadOnlyList<Scenario> Samples, SaaResult Extensive)> Generated = new(() =>
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 2, Materials = 2, Periods = 3, Scenarios = 4, ProducersPerCountry = 1, Investments = 1, Tiers = 2,
            RiskWeight = 0.2, Seed = 2,
        });
        var samples = ScenarioGenerator.Sample(instance, GeneratedDistribution, 8, 2);
        return (instance, samples, Extensive(instance, Spec(samples)));
    });

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Any_grouping_of_the_cuts_reaches_the_extensive_optimum(int groups)
    {
        var (instance, samples, extensive) = Generated.Value;

        var benders = Benders(instance, Spec(samples, groups));

        Assert.Equal(groups, benders.CutGroups);
        AssertSameValue(benders, extensive, $"{groups} cut groups");
        AssertSoundIterations(benders);
    }

    [Fact]
    public void Aggregated_and_multi_cut_agree_on_the_default_instance()
    {
        var solved = DefaultWithCvar;

        var aggregated = Benders(solved.Instance, Spec(solved.Samples, 1));

        Assert.Equal(1, aggregated.CutGroups);
        Assert.Equal(solved.Samples.Count, solved.Benders.CutGroups);
        AssertSameValue(aggregated, solved.Extensive, "default, aggregated");
        Assert.True(Math.Abs(aggregated.ObjectiveUsd - solved.Benders.ObjectiveUsd) <= Gap * Math.Abs(solved.Extensive.ObjectiveUsd),
            $"aggregated {aggregated.ObjectiveUsd}, multi-cut {solved.Benders.ObjectiveUsd}");
        AssertSoundIterations(aggregated);
        AssertSoundIterations(solved.Benders);
    }

    /// <summary>
    /// The records run "lp" then "mip", numbered 1.., cuts never dropped; the lower bound never
    /// falls; the "mip" upper bound, once there is one, never rises; the last record's bounds
    /// and gap are the result's, and the gap is (upper − lower) / |upper| within the asked gap.
    /// </summary>
    internal static void AssertSoundIterations(SaaResult result)
    {
        var records = result.Iterations;
        Assert.NotEmpty(records);
        Assert.Equal(Enumerable.Range(1, records.Count), records.Select(r => r.Iteration));
        var phases = string.Concat(records.Select(r => r.Phase == "lp" ? "l" : r.Phase == "mip" ? "m" : "?"));
        Assert.Matches("^l*m+$", phases);
        for (var i = 1; i < records.Count; i++)
        {
            var (before, after) = (records[i - 1], records[i]);
            Assert.True(after.LowerBoundUsd >= before.LowerBoundUsd - 1e-9 * Math.Abs(before.LowerBoundUsd),
                $"lower bound fell from {before.LowerBoundUsd} to {after.LowerBoundUsd} at iteration {after.Iteration}");
            Assert.True(after.Cuts >= before.Cuts, $"cuts fell at iteration {after.Iteration}");
            if (before.Phase == "mip" && double.IsFinite(before.UpperBoundUsd))
            {
                Assert.True(after.UpperBoundUsd <= before.UpperBoundUsd,
                    $"upper bound rose from {before.UpperBoundUsd} to {after.UpperBoundUsd} at iteration {after.Iteration}");
            }
        }
        var last = records[^1];
        Assert.Equal(result.ObjectiveUsd, last.UpperBoundUsd);
        Assert.Equal(result.BoundUsd, last.LowerBoundUsd);
        Assert.True(last.UpperBoundUsd >= last.LowerBoundUsd - 1e-9 * Math.Abs(last.UpperBoundUsd),
            $"upper {last.UpperBoundUsd} below lower {last.LowerBoundUsd}");
        Assert.Equal((last.UpperBoundUsd - last.LowerBoundUsd) / Math.Abs(last.UpperBoundUsd), last.Gap, 1e-9);
        Assert.Equal(last.Gap, result.Gap, 1e-12);
        Assert.True(result.Gap <= Gap, $"final gap {result.Gap}");
        Assert.Equal(records.Count, result.Iterations.Count);
    }
}

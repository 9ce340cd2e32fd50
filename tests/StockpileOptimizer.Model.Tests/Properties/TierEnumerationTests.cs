using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class TierEnumerationTests
{
    // The MIP's tier (and build) choice must be the best of all integer combinations, each
    // solved as an LP with the integers fixed: 3 tiers for (A,m1) × 3 for (B,m1) × build or
    // not = 18 LPs. Equal objectives (to 1e-6 relative) show the branch-and-bound found the
    // enumerated optimum.
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.5)]
    public void Mip_objective_equals_the_best_enumerated_tier_combination(int seed, double riskWeight)
    {
        var instance = Generated.Small(seed, riskWeight: riskWeight);
        var mip = StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-9 });
        var data = new ModelData(instance, instance.Policy.Mode);

        var best = double.PositiveInfinity;
        string? bestChoice = null;
        foreach (var (fixedIntegers, label) in Combinations(data))
        {
            var objective = FixedLp.Objective(data, fixedIntegers);
            if (objective < best)
            {
                (best, bestChoice) = (objective, label);
            }
        }

        Assert.Equal(best, mip.Solver.Objective, 6 - (int)Math.Ceiling(Math.Log10(Math.Max(1, best))));
        var chosen = string.Join(",", mip.Policy!.Tiers.Select(t => t.Tier)) + "|" + (mip.Policy.Investments[0].Build ? 1 : 0);
        var bestAgain = FixedLp.Objective(data, Parse(data, chosen));
        Assert.Equal(best, bestAgain, 6 - (int)Math.Ceiling(Math.Log10(Math.Max(1, best))));
        Assert.NotNull(bestChoice);
    }

    private static IEnumerable<(FixedIntegers, string)> Combinations(ModelData data)
    {
        var tierIds = data.Instance.Tiers.Select(t => t.Id).ToArray();
        foreach (var a in tierIds)
        {
            foreach (var b in tierIds)
            {
                foreach (var build in new[] { 0, 1 })
                {
                    var label = $"{a},{b}|{build}";
                    yield return (Parse(data, label), label);
                }
            }
        }
    }

    /// <summary>"tierA,tierB|build" → fixed integers for the pairs (A,m1), (B,m1) and the one investment.</summary>
    private static FixedIntegers Parse(ModelData data, string label)
    {
        var parts = label.Split('|');
        var tiers = parts[0].Split(',');
        var fixedTiers = new double[]?[data.C, data.M];
        var pair = 0;
        foreach (var c in data.Countries)
        {
            foreach (var m in data.Materials)
            {
                if (data.PrivateResponse[c, m] < 0)
                {
                    continue;
                }
                var chosen = tiers[pair++];
                fixedTiers[c, m] = data.Instance.Tiers.Select(t => t.Id == chosen ? 1.0 : 0.0).ToArray();
            }
        }
        return new FixedIntegers(fixedTiers, [double.Parse(parts[1])]);
    }
}

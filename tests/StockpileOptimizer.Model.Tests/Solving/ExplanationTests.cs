using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Solving;

/// <summary>
/// The "why" of a plan (docs/model.md, "Why") on the default instance read as model v2: each
/// number is checked against what it claims to be, by re-solving or by the plan itself.
/// </summary>
public sealed class ExplanationTests
{
    private static readonly Lazy<(StockpileInstance Instance, SolveResult Result)> Explained = new(() =>
    {
        var instance = InstanceJson.Default() with { FormatVersion = 2 };
        return (instance, StockpileSolver.Solve(instance, new SolveOptions { Explain = true, RelativeGap = 1e-6 }));
    });

    [Fact]
    public void Every_first_stage_decision_has_its_why()
    {
        var (instance, result) = Explained.Value;
        var why = result.Explanation!;

        Assert.Equal(result.Policy!.Stockpiles.Count, why.Stockpiles.Count);
        Assert.Equal(result.Policy.Tiers.Count, why.Tiers.Count);
        Assert.Equal(instance.Producers.Count, why.Commitments.Count);
        Assert.Equal(instance.Investments.Count, why.Investments.Count);
    }

    [Fact]
    public void A_builds_value_is_the_objective_with_it_flipped_and_its_sign_agrees_with_the_decision()
    {
        var (instance, result) = Explained.Value;
        var tolerance = 2e-6 * Math.Abs(result.Solver.Objective);
        foreach (var build in result.Explanation!.Investments)
        {
            if (build.Build)
            {
                // Flipping a build taken is the instance without that investment, solved afresh.
                var without = StockpileSolver.Solve(instance with { Investments = instance.Investments.Where(g => g.Id != build.Investment).ToArray() },
                    new SolveOptions { RelativeGap = 1e-6, ShadowPrices = false });
                Assert.Equal(without.Solver.Objective, build.ObjectiveIfFlippedUsd, 1e-5 * Math.Abs(without.Solver.Objective));
            }
            // Within the solver's gap, a build is taken only if it pays and left only if it does not.
            Assert.True(build.Build ? build.ValueUsd >= -tolerance : build.ValueUsd <= tolerance, $"{build.Investment}: {build.ValueUsd}");
            Assert.Equal(build.Build ? build.ObjectiveIfFlippedUsd - result.Solver.Objective : result.Solver.Objective - build.ObjectiveIfFlippedUsd,
                build.ValueUsd, 1e-6 * Math.Abs(result.Solver.Objective));
        }
    }

    [Fact]
    public void No_tonne_of_stock_forced_in_improves_the_plan()
    {
        var (_, result) = Explained.Value;
        var tolerance = 2e-6 * Math.Abs(result.Solver.Objective);
        // The plan is optimal (gap 1e-6) and no storage row binds in the default instance: a
        // tonne more of any stock, re-optimised around, cannot lower the objective.
        foreach (var stock in result.Explanation!.Stockpiles)
        {
            Assert.True(stock.MarginalValueUsdPerTonne <= tolerance, $"{stock.Country} {stock.Material}: {stock.MarginalValueUsdPerTonne}");
        }
        // And it is a real number for every stock: a tonne of anything can be had.
        Assert.All(result.Explanation.Stockpiles, s => Assert.True(double.IsFinite(s.MarginalValueUsdPerTonne)));
        // A stock the plan does not hold costs something to force in (it would be held if not).
        Assert.Contains(result.Explanation.Stockpiles, s => s.Tonnes == 0 && s.MarginalValueUsdPerTonne < -1);
    }

    [Fact]
    public void Released_tonnes_and_windows_agree_with_the_scenario_paths()
    {
        var (_, result) = Explained.Value;
        foreach (var stock in result.Explanation!.Stockpiles)
        {
            var expected = result.Scenarios.Sum(s => s.Probability
                * s.Materials.Single(m => m.Country == stock.Country && m.Material == stock.Material).Releases.Sum());
            Assert.Equal(expected, stock.ExpectedReleasedTonnes, 1e-6 * Math.Max(1, expected));
            foreach (var window in stock.Releases)
            {
                var path = result.Scenarios.Single(s => s.Scenario == window.Scenario)
                    .Materials.Single(m => m.Country == stock.Country && m.Material == stock.Material);
                Assert.Equal(path.Releases.Sum(), window.Tonnes, 1e-6 * Math.Max(1, window.Tonnes));
            }
        }
    }

    [Fact]
    public void No_single_tier_step_improves_the_plan()
    {
        var (_, result) = Explained.Value;
        var tolerance = 2e-6 * Math.Abs(result.Solver.Objective);
        foreach (var tier in result.Explanation!.Tiers)
        {
            // The MIP is optimal (gap 1e-6): moving one tier with everything else re-optimised
            // (builds and other tiers fixed) cannot do better.
            foreach (var step in new[] { tier.Up, tier.Down }.OfType<TierStep>())
            {
                Assert.True(step.ObjectiveChangeUsd >= -tolerance, $"{tier.Country} {tier.Material} → tier {step.Tier}: {step.ObjectiveChangeUsd}");
            }
        }
        Assert.Contains(result.Explanation.Tiers, t => t.Up is not null || t.Down is not null);
    }
}

using MathNet.Numerics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using static StockpileOptimizer.Model.Tests.Sampling.SaaNewsvendorTests;

namespace StockpileOptimizer.Model.Tests.Sampling;

public sealed class StatisticalGapTests
{
    /// <summary>
    /// The sampled newsvendor's true cost (SaaNewsvendorTests' class comment): f(x) = 12·x +
    /// 35·½·100·E[(B − x/100)⁺] with B = 1 − A ~ Beta(a, b) = Beta(5.6, 2.4). For u in [0, 1],
    /// E[(B − u)⁺] = E[B·1{B &gt; u}] − u·P(B &gt; u) = a/(a+b)·(1 − I_u(a+1, b)) − u·(1 − I_u(a, b)),
    /// I the regularised incomplete beta (E[B·1{B &gt; u}] = E[B]·P(B′ &gt; u), B′ ~ Beta(a+1, b)).
    /// </summary>
    private static double TrueCost(double x)
    {
        const double a = 5.6, b = 2.4;
        var u = Math.Clamp(x / 100, 0, 1);
        var excess = a / (a + b) * (1 - SpecialFunctions.BetaRegularized(a + 1, b, u)) - u * (1 - SpecialFunctions.BetaRegularized(a, b, u));
        return UnitCost * x + Damage * HaltProbability * 100 * excess;
    }

    [Fact]
    public void One_sided_t_bounds_of_a_hand_example()
    {
        // 1..5: mean 3, s = √2.5, s/√5 = √0.5, t_{0.95, 4} = 2.131847 → 3 ± 1.507443.
        var values = new double[] { 1, 2, 3, 4, 5 };

        var upper = GapStatistics.Upper(values, 0.95);
        var lower = GapStatistics.Lower(values, 0.95);

        Assert.Equal(3, upper.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), upper.StandardDeviation, 12);
        Assert.Equal(4.507443319, upper.Bound, 8);
        Assert.Equal(1.492556681, lower.Bound, 8);
        Assert.Equal(2.131846786, GapStatistics.TQuantile(0.95, 4), 8);
        Assert.Equal(1.644854, GapStatistics.TQuantile(0.95, 1_000_000), 4);
        Assert.True(double.IsNaN(GapStatistics.Upper([7.0], 0.95).Bound));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-7)]
    [InlineData(0)]
    public void Stream_seeds_are_distinct_from_each_other_and_from_the_main_seed_and_do_not_depend_on_M(int seed)
    {
        var seeds = SampleSeeds.For(seed, 50);

        Assert.Equal(50, seeds.Distinct().Count());
        Assert.DoesNotContain(Math.Abs(seed), seeds);
        Assert.All(seeds, s => Assert.True(s >= 0));
        Assert.Equal(seeds.Take(5), SampleSeeds.For(seed, 5));
        Assert.NotEqual(seeds, SampleSeeds.For(seed + 1, 50));
    }

    [Fact]
    public void A_given_list_is_resampled_with_replacement()
    {
        var given = Instance().Scenarios;
        var spec = new SaaAnalysisSpec { Scenarios = given };

        var draws = SampleSeeds.Draw(Instance(), spec, 200, 5, CancellationToken.None);

        Assert.Equal(1, draws.Sum(d => d.Probability), 12);
        Assert.Equal(200, draws.Select(d => d.Id).Distinct().Count());
        Assert.All(draws, d => Assert.Contains(given, g => d.Id.EndsWith("-" + g.Id, StringComparison.Ordinal)));
        // calm and halt have probability ½ each: 200 draws give 100 ± 3·√50 ≈ 100 ± 21 halts.
        Assert.InRange(draws.Count(d => d.Events.Count > 0), 79, 121);
    }

    [Fact]
    public void Stability_counts_spread_and_shares_over_the_plans()
    {
        var instance = Instance() with { Investments = [new Investment { Id = "mine" }] };
        Policy Plan(double tonnes, bool build) => new()
        {
            Stockpiles = [new StockpileTarget("A", "m", tonnes, 0)],
            Tiers = [new TierChoice("A", "m", "0", 0, 0)],
            Investments = [new InvestmentDecision("mine", build, [])],
        };

        var (stockpiles, choices) = PlanStability.Of(instance, [Plan(0, true), Plan(30, false), Plan(60, true)]);

        // 0, 30, 60: mean 30, sd √((900 + 0 + 900)/2) = 30.
        Assert.Equal(new StockpileSpread("A", "m", 30, 30, 0, 60), stockpiles.Single());
        Assert.Equal(new ChoiceShare("tier", "A", "m", "0", 1), choices[0]);
        Assert.Equal("build", choices[1].Kind);
        Assert.Equal(2.0 / 3, choices[1].Share, 12);
    }

    [Theory]
    [InlineData(1, 100, "spec.replications")]
    [InlineData(3, 1, "spec.evaluationSamples")]
    public void Bad_settings_are_refused_naming_the_field(int replications, int evaluation, string field)
    {
        var spec = Spec(10, 1) with { Replications = replications, EvaluationSamples = evaluation };

        var error = Assert.Throws<ArgumentException>(() =>
            SaaAnalysis.Run(ValidatedInstance.Require(Instance()), spec, new SolveOptions(), 2, null, null, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extensive_form_plan_with_CVaR_in_INDEPENDENT_mode_is_refused_before_solving()
    {
        var instance = Instance().WithPolicy(p => p with { RiskWeight = 1, Mode = CooperationMode.Independent });
        var spec = Spec(10, 1) with { Replications = 2, EvaluationSamples = 10, Method = SaaMethod.Extensive };

        var error = Assert.Throws<ArgumentException>(() =>
            SaaAnalysis.Run(ValidatedInstance.Require(instance), spec, new SolveOptions(), 2, null, null, CancellationToken.None));

        Assert.Contains("policy.riskWeight", error.Message, StringComparison.Ordinal);
    }
}

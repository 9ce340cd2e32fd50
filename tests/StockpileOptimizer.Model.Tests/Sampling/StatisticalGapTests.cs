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

    [Fact]
    public void The_MRP_gap_CI_covers_the_true_gap()
    {
        // True optimum v* = f(x*) with x* the critical-fractile quantile (closed form above); the
        // candidate x̂ is the SAA stock of N = 20 samples, its true gap f(x̂) − v* ≥ 0. Twenty
        // runs with fixed seeds (M = 5, N′ = 200): each one-sided 95 % CI — the two-sample gap
        // CI, the paired gap CI, the upper bound's above f(x̂), the lower bound's below v* — may
        // miss with probability at most about 5 %; 4 or more misses in 20 has binomial
        // probability 1.6 %, so at least 17 must cover. The upper bound is unbiased: its
        // standardised errors (Ū − f(x̂)) / (s_U/√N′) average within 4/√20 of 0.
        var optimum = TrueCost(TrueStock());
        var t = GapStatistics.TQuantile(0.95, 199);
        var gapCovered = 0;
        var pairedCovered = 0;
        var upperCovered = 0;
        var lowerCovered = 0;
        var errors = new List<double>();
        foreach (var seed in Enumerable.Range(100, 20))
        {
            var spec = Spec(20, seed) with { Replications = 5, EvaluationSamples = 200 };
            var result = SaaAnalysis.Run(ValidatedInstance.Require(Instance()), spec, new SolveOptions(), 2, null, null, CancellationToken.None);
            var gap = result.Statistical!;
            var planCost = TrueCost(result.Policy!.Stockpiles.Single().Tonnes);
            var trueGap = planCost - optimum;

            Assert.Equal(5, gap.Replications);
            Assert.Equal(0, gap.InfeasibleEvaluationSamples);
            Assert.True(trueGap >= -1e-9, $"seed {seed}: f(x̂) {planCost} below v* {optimum}");
            gapCovered += gap.GapCiUsd >= trueGap ? 1 : 0;
            pairedCovered += gap.PairedGapCiUsd >= trueGap ? 1 : 0;
            upperCovered += gap.UpperBoundCiUsd >= planCost ? 1 : 0;
            lowerCovered += gap.LowerBoundCiUsd <= optimum ? 1 : 0;
            errors.Add((gap.UpperBoundUsd - planCost) / ((gap.UpperBoundCiUsd - gap.UpperBoundUsd) / t));
        }

        Assert.True(gapCovered >= 17, $"gap CI covered {gapCovered} of 20");
        Assert.True(pairedCovered >= 17, $"paired gap CI covered {pairedCovered} of 20");
        Assert.True(upperCovered >= 17, $"upper bound CI covered {upperCovered} of 20");
        Assert.True(lowerCovered >= 17, $"lower bound CI covered {lowerCovered} of 20");
        Assert.InRange(errors.Average(), -4 / Math.Sqrt(20), 4 / Math.Sqrt(20));
    }

    [Fact]
    public void The_paired_gap_is_the_plan_on_each_replication_less_its_SAA_optimum()
    {
        // Each replication i of N = 30 samples (seed: SampleSeeds stream i) has the SAA optimum
        // v_i = min_x 12·x + 35·mean((D − x)⁺) at its sample quantile, and the plan x̂ costs
        // f_i(x̂) = 12·x̂ + 35·mean((D − x̂)⁺) on the same samples; the paired gap averages f_i − v_i.
        const int n = 30, m = 3, seed = 41;
        var spec = Spec(n, seed) with { Replications = m, EvaluationSamples = 50 };
        using var farm = new LocalSolveFarm(2);
        var result = SaaAnalysis.Run(ValidatedInstance.Require(Instance()), spec, new SolveOptions(), 2, farm, null, CancellationToken.None);
        var plan = result.Policy!.Stockpiles.Single().Tonnes;
        static double Cost(double[] d, double x) => UnitCost * x + Damage * d.Average(s => Math.Max(0, s - x));
        var streams = SampleSeeds.For(seed, m + 1);
        var replications = Enumerable.Range(1, m).Select(i =>
            ScenarioGenerator.Sample(Instance(), Distribution(), n, streams[i]).Select(Shortfall).Order().ToArray()).ToArray();
        var optima = replications.Select(d => Cost(d, d[(int)Math.Ceiling(n * Fractile) - 1])).ToArray();
        var evaluation = ScenarioGenerator.Sample(Instance(), Distribution(), 50, streams[0]).Select(Shortfall).ToArray();

        var gap = result.Statistical!;

        Assert.Equal(optima, gap.ReplicationObjectivesUsd, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(optima.Average(), gap.LowerBoundUsd, 4);
        Assert.Equal(replications.Select((d, i) => Cost(d, plan) - optima[i]).Average(), gap.PairedGapUsd, 4);
        Assert.Equal(Cost(evaluation, plan), gap.UpperBoundUsd, 4);
        Assert.Equal(gap.UpperBoundUsd - gap.LowerBoundUsd, gap.GapUsd, 6);
        Assert.Equal(gap.UpperBoundCiUsd - gap.LowerBoundCiUsd, gap.GapCiUsd, 6);
        var stocks = replications.Select(d => d[(int)Math.Ceiling(n * Fractile) - 1]).ToArray();
        var spread = gap.Stockpiles.Single();
        Assert.Equal(stocks.Average(), spread.Mean, 4);
        Assert.Equal(stocks.Min(), spread.Min, 4);
        Assert.Equal(stocks.Max(), spread.Max, 4);
    }

    [Fact]
    public void With_CVaR_an_extensive_form_plan_takes_eta_at_the_value_at_risk_of_its_own_samples()
    {
        // λ = 1, α = 0.9, JOINT. The plan's loss on a sample is L_s = 12·x̂ + 35·(D_s − x̂)⁺; the
        // extensive form gives no η, so η = the 0.9-quantile of L_s over the N = 20 samples it
        // was solved on (the 18th smallest). Each fresh sample's value is then
        // V_s = L_s + λ·(η + (L_s − η)⁺ / (1 − α)), and the upper bound is their mean.
        const int n = 20, seed = 23;
        const double lambda = 1, alpha = 0.9;
        var instance = Instance().WithPolicy(p => p with { RiskWeight = lambda, CvarAlpha = alpha });
        var spec = Spec(n, seed) with { Replications = 2, EvaluationSamples = 60, Method = SaaMethod.Extensive };
        using var farm = new LocalSolveFarm(2);
        var result = SaaAnalysis.Run(ValidatedInstance.Require(instance), spec, new SolveOptions(), 2, farm, null, CancellationToken.None);
        var plan = result.Policy!.Stockpiles.Single().Tonnes;
        double Loss(double d) => UnitCost * plan + Damage * Math.Max(0, d - plan);
        var own = ScenarioGenerator.Sample(instance, Distribution(), n, seed);
        var eta = own.Select(s => Loss(Shortfall(s))).Order().ElementAt(17);
        var fresh = ScenarioGenerator.Sample(instance, Distribution(), 60, SampleSeeds.For(seed, 3)[0]);
        var upper = fresh.Select(s => Loss(Shortfall(s))).Select(l => l + lambda * (eta + Math.Max(0, l - eta) / (1 - alpha))).Average();

        Assert.Equal(eta, StatisticalGapEstimator.ValueAtRisk(instance, result.Policy, own, farm, CancellationToken.None), 4);
        Assert.Equal(upper, result.Statistical!.UpperBoundUsd, 3);
        Assert.Contains("η =", result.Statistical.Message, StringComparison.Ordinal);
        Assert.True(result.Statistical.PairedGapUsd >= -1e-6);
    }

    [Fact]
    public void Cancelling_between_replications_returns_the_replications_done()
    {
        using var stop = new CancellationTokenSource();
        var progress = new CancelAt("replication 2", stop);
        var spec = Spec(10, 3) with { Replications = 4, EvaluationSamples = 20 };

        var result = SaaAnalysis.Run(ValidatedInstance.Require(Instance()), spec, new SolveOptions(), 2, null, progress, stop.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(2, result.Statistical!.Replications);
        Assert.Equal(2, result.Statistical.ReplicationObjectivesUsd.Count);
        Assert.Contains("cancelled after 2 of 4 replications", result.Message, StringComparison.Ordinal);
        Assert.Equal(["evaluation", "replication 1", "replication 2"], progress.Items);
    }

    [Fact]
    public void Samples_without_recourse_for_the_plan_are_counted_and_left_out()
    {
        // A farm that reports "no recourse" on every sample whose halt leaves less than 25 % of
        // imports (D > 75 t): the upper bound is the plan's mean 12·x̂ + 35·(D − x̂)⁺ over the others.
        const int seed = 31;
        var spec = Spec(20, seed) with { Replications = 2, EvaluationSamples = 80 };
        using var farm = new RefusingFarm(new LocalSolveFarm(2), s => Shortfall(s) > 75);
        var result = SaaAnalysis.Run(ValidatedInstance.Require(Instance()), spec, new SolveOptions(), 2, farm, null, CancellationToken.None);
        var plan = result.Policy!.Stockpiles.Single().Tonnes;
        var fresh = ScenarioGenerator.Sample(Instance(), Distribution(), 80, SampleSeeds.For(seed, 3)[0]).Select(Shortfall).ToArray();
        var kept = fresh.Where(d => d <= 75).ToArray();

        var gap = result.Statistical!;

        Assert.InRange(fresh.Length - kept.Length, 1, 79);
        Assert.Equal(fresh.Length - kept.Length, gap.InfeasibleEvaluationSamples);
        Assert.Equal(kept.Average(d => UnitCost * plan + Damage * Math.Max(0, d - plan)), gap.UpperBoundUsd, 4);
        Assert.Contains($"evaluation: the plan has no recourse on {gap.InfeasibleEvaluationSamples} of 80 samples", result.Message, StringComparison.Ordinal);
    }

    /// <summary>A local farm that answers "no recourse" at a point for the samples <paramref name="refuse"/> picks.</summary>
    private sealed class RefusingFarm(LocalSolveFarm inner, Func<Scenario, bool> refuse) : PassThroughFarm(inner)
    {
        public override async Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel)
        {
            var answer = await Inner.SolveAsync(work, point, cancel);
            return point is null
                ? answer
                : new BatchAnswer(answer.Scenarios.Select(a => refuse(work.Instance.Scenarios[a.Scenario])
                    ? a with { Status = SubproblemStatus.Infeasible, Message = "refused" }
                    : a).ToArray());
        }
    }

    /// <summary>Records progress items and cancels once <paramref name="item"/> is reported (synchronously).</summary>
    private sealed class CancelAt(string item, CancellationTokenSource stop) : IProgress<AnalysisProgress>
    {
        public List<string> Items { get; } = [];

        public void Report(AnalysisProgress value)
        {
            Items.Add(value.Item);
            if (value.Item == item)
            {
                stop.Cancel();
            }
        }
    }
}

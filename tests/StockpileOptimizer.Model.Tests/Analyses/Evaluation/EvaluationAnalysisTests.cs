using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Analyses.Evaluation;

public sealed class EvaluationAnalysisTests
{
    private static readonly SolveOptions Exact = AnalysisTesting.ExactSolve;
    private static readonly EvaluationOptions Options = new() { MaxParallelism = 2, Solve = Exact };

    [Theory]
    [InlineData(21, 0.0)]
    [InlineData(22, 0.0)]
    [InlineData(23, 0.4)]
    public void A_policy_on_its_own_scenarios_reproduces_the_expected_cost_of_the_solve(int seed, double riskWeight)
    {
        // With the first stage fixed the recourse separates by scenario, and the objective is
        // increasing in each scenario's cost, so each scenario alone has the same recourse cost.
        var instance = Generated.Small(seed, riskWeight: riskWeight);
        var solved = StockpileSolver.Solve(instance, Exact);
        var progress = new RecordingProgress();
        var evaluated = EvaluationAnalysis.Run(instance, solved.Policy!, instance.Scenarios, Options, progress: progress);

        Assert.Equal(3, evaluated.Feasible);
        Assert.Equal(solved.Kpis!.ExpectedCostUsd, evaluated.Cost!.Mean, 1e-6);
        Assert.Equal(solved.Kpis.ExpectedShortageTonnes, evaluated.Shortage!.Mean, 1e-6);
        Assert.Equal(solved.Kpis.CvarCostUsd, evaluated.Cost.Cvar, 1e-6);
        Assert.All(evaluated.Rows, r => Assert.Equal(solved.Scenarios[r.Index].CostUsd, r.CostUsd!.Value, 1e-6));
        progress.AssertCountsUpTo(3);
    }

    [Fact]
    public void The_confidence_interval_shrinks_like_one_over_root_n()
    {
        // Bernoulli costs: newsvendor (damage 30) with 30 t stocked costs 360 when calm and
        // 360 + 30·30 = 1260 in the halt. Draw N and 4N futures from the two with a fixed seed:
        // the half-width t·s/√N should halve, up to the sampling noise in s and t_{N−1}/t_{4N−1}.
        var instance = HandInstances.Newsvendor(damage: 30);
        var policy = Stockpile(30);
        var small = EvaluationAnalysis.Run(instance, policy, Draw(instance, 40, seed: 1), Options);
        var large = EvaluationAnalysis.Run(instance, policy, Draw(instance, 160, seed: 2), Options);

        var ratio = small.Cost!.Interval!.HalfWidth / large.Cost!.Interval!.HalfWidth;
        Assert.InRange(ratio, 1.7, 2.3);
    }

    [Fact]
    public void Repeating_the_samples_four_times_shrinks_the_interval_by_the_exact_factor()
    {
        // The same N values repeated 4 times: s² goes from SS/(N − 1) to 4·SS/(4N − 1), so
        // SE_N / SE_4N = √((4N − 1)/(N − 1)), times t_{N−1}/t_{4N−1} for the quantiles — about 2.
        var instance = HandInstances.Newsvendor(damage: 30);
        const int n = 25;
        var once = Draw(instance, n, seed: 3);
        var fourTimes = Enumerable.Range(0, 4).SelectMany(_ => once).ToArray();
        var small = EvaluationAnalysis.Run(instance, Stockpile(30), once, Options);
        var large = EvaluationAnalysis.Run(instance, Stockpile(30), fourTimes, Options);

        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975) / MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 4 * n - 1, 0.975);
        var expected = Math.Sqrt((4.0 * n - 1) / (n - 1)) * t;
        Assert.Equal(expected, small.Cost!.Interval!.HalfWidth / large.Cost!.Interval!.HalfWidth, 9);
        Assert.Equal(small.Cost.Mean, large.Cost.Mean, 9);
    }

    [Theory]
    // Newsvendor damage 30 on its two scenarios: the halt is short 60 − x, calm never.
    [InlineData(0, 30)]
    [InlineData(30, 15)]
    [InlineData(60, 0)]
    public void A_given_stockpile_has_the_hand_expected_shortage(double tonnes, double expected)
    {
        var instance = HandInstances.Newsvendor(damage: 30);
        var result = EvaluationAnalysis.Run(instance, Stockpile(tonnes), instance.Scenarios, Options);

        Assert.Equal(expected, result.Shortage!.Mean, 6);
        // The only sector is defence: any shortage is a defence shortage, here in the halt (π = 0.5).
        Assert.Equal(tonnes < 60 ? 0.5 : 0, result.DefenceShortageProbability!.Value, 9);
    }

    // More stock, everything else equal (budgets and storage ample, no refill), can only
    // help: the recourse of the smaller stockpile is still available with the larger one.
    [Property(MaxTest = 5, Replay = "(20261203,11400714819323198485)")]
    public Property A_larger_stockpile_has_no_larger_expected_shortage(PositiveInt seed)
    {
        var generated = Generated.Small(seed.Get);
        var instance = generated with { Countries = generated.Countries.Select(c => c with { BudgetUsd = 1e5, StorageTonnes = 1e4 }).ToArray() };
        var policy = StockpileSolver.Solve(instance, Exact).Policy!;
        var larger = policy with { Stockpiles = policy.Stockpiles.Select(s => s with { Tonnes = s.Tonnes + 5 }).ToArray() };
        var before = EvaluationAnalysis.Run(instance, policy, instance.Scenarios, Options).Shortage!.Mean;
        var after = EvaluationAnalysis.Run(instance, larger, instance.Scenarios, Options).Shortage!.Mean;
        return (after <= before + 1e-7).Label($"shortage {before} → {after} with 5 t more of each material");
    }

    [Fact]
    public void A_future_where_the_policy_breaks_the_budget_is_counted_not_fatal()
    {
        // Two quarters, budget 750, 60 t stocked: acquisition 600 + holding 2·60 in quarter 1.
        // Calm: no emergency, so nothing may be released and quarter 2's holding is another 120:
        // 840 > 750, infeasible. Halt: release the 60 t in quarter 1, so quarter 2 holds nothing:
        // 720 ≤ 750; the 2·60 t shortfall less 60 released leaves 60 t short at 30: 1,800.
        // Halt cost 600 + 120 + 1,800 = 2,520.
        var instance = HandInstances.Newsvendor(damage: 30, periods: 2, budget: 750);
        var result = EvaluationAnalysis.Run(instance, Stockpile(60), instance.Scenarios, Options);

        Assert.Equal((1, 1, 0), (result.Feasible, result.Infeasible, result.Unsolved));
        Assert.Equal(0.5, result.InfeasibleProbability, 9);
        var calm = result.Rows.Single(r => r.Scenario == "calm");
        Assert.Equal(Termination.Infeasible, calm.Termination);
        Assert.Null(calm.CostUsd);
        Assert.Contains("fixed policy is infeasible", calm.Message, StringComparison.Ordinal);
        Assert.Equal(2520, result.Cost!.Mean, 6);
        Assert.Equal(60, result.DefenceShortage!.Mean, 6);
        Assert.Contains("1 infeasible", result.Message, StringComparison.Ordinal);
        AnalysisTesting.AssertJsonFriendly(result);
    }

    [Fact]
    public void Statistics_of_a_hand_sample()
    {
        // 1, 2, …, 20 equally weighted: mean 10.5; s² = n(n + 1)/12 = 35; quantiles are the
        // smallest value whose cumulative weight reaches p (5 % → 1, 25 % → 5, 50 % → 10,
        // 75 % → 15, 95 % → 19); CVaR_0.9 is the mean of the top two, 19.5; the 95 % interval
        // is ± t_{19, 0.975}·√35/√20 = ± 2.09302·1.32288 = ± 2.76881.
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        var weights = Enumerable.Repeat(1.0 / 20, 20).ToArray();
        var d = Distributions.Of(values, weights, 0.9, 0.95, [0.05, 0.25, 0.5, 0.75, 0.95]);

        Assert.Equal(10.5, d.Mean, 12);
        Assert.Equal(Math.Sqrt(35), d.StandardDeviation, 12);
        Assert.Equal([1, 5, 10, 15, 19], d.Quantiles.Select(q => q.Value));
        Assert.Equal(19.5, d.Cvar, 9);
        Assert.Equal(2.76881, d.Interval!.HalfWidth, 5);
        Assert.Equal(20, d.EffectiveSamples, 9);
    }

    [Fact]
    public void A_cancelled_evaluation_reports_every_sample_unsolved()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var instance = HandInstances.Newsvendor(damage: 30);
        var result = EvaluationAnalysis.Run(instance, Stockpile(30), instance.Scenarios, Options, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(2, result.Unsolved);
        Assert.Null(result.Cost);
    }

    [Fact]
    public void Invalid_samples_are_refused_with_their_paths()
    {
        var instance = HandInstances.Newsvendor(damage: 30);
        Scenario bad = new() { Id = "bad", Probability = 0.5, Events = [new SupplyEvent { Source = "nowhere", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0 }] };
        var error = Assert.Throws<InvalidInstanceException>(() => EvaluationAnalysis.Run(instance, Stockpile(30), [instance.Scenarios[0], bad], Options));

        Assert.Equal(["samples[1].events[0].source"], error.Violations.Select(v => v.Path));
    }

    internal static Policy Stockpile(double tonnes) => new() { Stockpiles = [new StockpileTarget("A", "m", tonnes, 0)] };

    /// <summary>N futures drawn with replacement from the instance's scenarios by their probabilities, equally weighted.</summary>
    internal static Scenario[] Draw(StockpileInstance instance, int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            var u = rng.NextDouble();
            var pick = instance.Scenarios.SkipWhile(s => (u -= s.Probability) > 0).FirstOrDefault() ?? instance.Scenarios[^1];
            return pick with { Id = $"{pick.Id}-{i}", Probability = 1.0 / n };
        }).ToArray();
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Analyses.Evaluation;

/// <summary>
/// The warm recourse evaluator against the engine's full path, sample by sample: the same
/// termination, message, cost and shortage as <c>StockpileSolver.Solve(Alone(instance, sample),
/// FixedPolicy)</c>, whatever scenario its one model was built on and whichever came before.
/// </summary>
public sealed class RecourseEvaluatorTests
{
    private static readonly SolveOptions Exact = AnalysisTesting.ExactSolve;

    /// <summary>The default instance's plan (CBC: the fastest to a plan here; any plan will do for agreement).</summary>
    private static readonly Lazy<(StockpileInstance Instance, Policy Policy)> DefaultPlan = new(() =>
    {
        var instance = InstanceJson.Default();
        var solved = StockpileSolver.Solve(instance, new SolveOptions { Solver = MipSolver.Cbc, RelativeGap = 1e-3, ShadowPrices = false });
        return (instance, solved.Policy!);
    });

    [Fact]
    public void Agrees_with_a_full_solve_on_sampled_futures_of_the_default_plan()
    {
        var (instance, policy) = DefaultPlan.Value;
        var samples = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, 30, seed: 7);

        // The samples differ in structure, not only in numbers: some have a price war (survival
        // rows that bind), some an emergency (releases allowed), some neither.
        Assert.Contains(samples, s => PriceWar(instance, s));
        Assert.Contains(samples, s => !PriceWar(instance, s));
        AssertAgreesSampleBySample(instance, policy, samples);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Agrees_with_a_full_solve_on_generated_instances_as_price_wars_and_halts_come_and_go(int seed)
    {
        var instance = Generated.Small(seed);
        var policy = StockpileSolver.Solve(instance, Exact).Policy!;
        var (calm, halt, war) = (instance.Scenarios[0], instance.Scenarios[1], instance.Scenarios[2]);
        Assert.True(PriceWar(instance, war));
        Assert.False(PriceWar(instance, calm));

        // Built on calm; the war's survival rows and the halt's releases switch on and off again.
        Scenario[] order = [calm, war, halt, war, calm, halt, calm with { DemandScale = 1.7 }, war with { DemandScale = 0 }];
        AssertAgreesSampleBySample(instance, policy, order);
        // Built on the war: the survival rows start binding and are then freed.
        AssertAgreesSampleBySample(instance, policy, [war, calm, halt, war]);
    }

    [Theory]
    [InlineData(31, CostView.Economy)]
    [InlineData(32, CostView.Economy)]
    [InlineData(33, CostView.Fiscal)]
    public void Agrees_with_a_full_solve_under_model_v2_as_prices_duties_and_release_gaps_move(int seed, CostView view)
    {
        // Model v2 moves more with a scenario than v1: the users' premium and duties in the
        // objective and the CVaR rows, the shortage rule's release limits, top-ups in the
        // fiscal rows. A tariff event on the trade link is in the halt only.
        var v1 = Generated.Small(seed, riskWeight: 0.3);
        var instance = v1 with
        {
            FormatVersion = 2,
            // Version 2 holds a commitment to what the producer can make.
            Producers = v1.Producers.Select(p => p with
            {
                MaxCommitmentTonnesPerPeriod = Math.Min(p.MaxCommitmentTonnesPerPeriod,
                    p.CapacityTonnesPerPeriod + v1.Investments.Where(g => g.Producer == p.Id).Sum(g => g.AddedCapacityTonnesPerPeriod)),
            }).ToArray(),
            Holdings = [new Holding { Country = "A", Material = "m1", GovernmentTonnes = 3, PrivateTonnes = 2 }],
            Trade =
            [
                new TradeLink { From = "A", To = "B", Material = "m2", TonnesPerPeriod = 4, Tariff = 0.1 },
                new TradeLink { From = "B", To = "A", Material = "m1", TonnesPerPeriod = 4, Tariff = 0.25 },
            ],
            Scenarios = v1.Scenarios.Select((s, i) => i == 1
                ? s with { TariffEvents = [new TariffEvent { From = "B", To = "A", FromPeriod = 1, ToPeriod = 2, Tariff = 0 }] }
                : s).ToArray(),
            Policy = v1.Policy with { CostView = view },
        };
        Assert.Empty(InstanceValidator.Validate(instance));
        var policy = StockpileSolver.Solve(instance, Exact).Policy!;
        var (calm, halt, war) = (instance.Scenarios[0], instance.Scenarios[1], instance.Scenarios[2]);

        Scenario[] order = [calm, war, halt, war, calm, halt, calm with { DemandScale = 1.7 }, war with { DemandScale = 0 }];
        AssertAgreesSampleBySample(instance, policy, order, sameShortage: false);
        AssertAgreesSampleBySample(instance, policy, [halt, calm, war, halt], sameShortage: false);
    }

    [Fact]
    public void A_policy_that_breaks_a_first_stage_row_is_infeasible_with_the_engine_s_own_message()
    {
        // Far more stock than the countries can store: no recourse can help, in any scenario.
        var instance = Generated.Small(31);
        var policy = new Policy { Stockpiles = [new StockpileTarget("A", "m1", 1e4, 0)] };
        var outcomes = AssertAgreesSampleBySample(instance, policy, [.. instance.Scenarios, instance.Scenarios[0]]);

        Assert.All(outcomes, o => Assert.Equal(Termination.Infeasible, o.Termination));
    }

    [Fact]
    public void A_sample_evaluated_under_a_cancelled_token_is_reported_cancelled_as_the_full_path_does()
    {
        var instance = Generated.Small(31);
        var policy = StockpileSolver.Solve(instance, Exact).Policy!;
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = Exact with { FixedPolicy = policy };
        using var evaluator = new RecourseEvaluator(instance, options, instance.Scenarios[0]);

        var warm = evaluator.Evaluate(instance.Scenarios[1], cancel.Token);
        var full = StockpileSolver.Solve(EvaluationAnalysis.Alone(instance, instance.Scenarios[1]), options, cancel.Token);
        Assert.Equal((Termination.Cancelled, full.Solver.Message), (warm.Termination, warm.Message));
        Assert.Null(warm.Path);
        // Not cancelled, the same evaluator goes on as before.
        Assert.Equal(Termination.Optimal, evaluator.Evaluate(instance.Scenarios[1]).Termination);
    }

    [Fact]
    public void The_evaluation_analysis_reports_what_the_full_path_reports_per_sample()
    {
        var instance = Generated.Small(34);
        var policy = StockpileSolver.Solve(instance, Exact).Policy!;
        var samples = Enumerable.Range(0, 24).Select(i => instance.Scenarios[i % 3] with { Id = $"s{i}", DemandScale = 0.5 + (i % 5) * 0.25 }).ToArray();
        var result = EvaluationAnalysis.Run(instance, policy, samples, new EvaluationOptions { MaxParallelism = 2, Solve = Exact });

        var options = Exact with { FixedPolicy = policy };
        Assert.All(result.Rows, row =>
        {
            var full = StockpileSolver.Solve(EvaluationAnalysis.Alone(instance, samples[row.Index]), options);
            Assert.Equal(full.Solver.Termination, row.Termination);
            AssertClose(full.Scenarios[0].CostUsd, row.CostUsd!.Value);
            AssertClose(full.Scenarios[0].ShortageTonnes, row.ShortageTonnes!.Value);
        });
    }

    /// <returns>The evaluator's outcomes; every optimal one came from the warm LP, not the fallback.</returns>
    /// <param name="sameShortage">
    /// Also the same shortage: only where the recourse has no alternative optimum that trades
    /// shortage for cost at the same total (model v2's economy view has such ties: a tonne short
    /// saves the users' premium it would have cost).
    /// </param>
    private static List<RecourseOutcome> AssertAgreesSampleBySample(
        StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> samples, bool sameShortage = true)
    {
        var options = Exact with { FixedPolicy = policy };
        using var evaluator = new RecourseEvaluator(instance, options, samples[0]);
        var outcomes = new List<RecourseOutcome>();
        foreach (var sample in samples)
        {
            var warm = evaluator.Evaluate(sample);
            var full = RecourseOutcome.Of(StockpileSolver.Solve(EvaluationAnalysis.Alone(instance, sample), options));
            Assert.Equal(full.Termination, warm.Termination);
            Assert.Equal(full.Message, warm.Message);
            Assert.Equal(full.Path is null, warm.Path is null);
            if (full.Path is { } expected)
            {
                AssertClose(expected.CostUsd, warm.Path!.CostUsd);
                if (sameShortage)
                {
                    AssertClose(expected.ShortageTonnes, warm.Path.ShortageTonnes);
                }
            }
            outcomes.Add(warm);
        }
        Assert.Equal(outcomes.Count(o => o.Termination != Termination.Optimal), evaluator.FallBacks);
        return outcomes;
    }

    /// <summary>Within 1e-6 relative (absolute below 1).</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static bool PriceWar(StockpileInstance instance, Scenario scenario)
    {
        var data = new ModelData(EvaluationAnalysis.Alone(instance, scenario), instance.Policy.Mode);
        return data.PriceWar.Values.Any(war => war);
    }
}

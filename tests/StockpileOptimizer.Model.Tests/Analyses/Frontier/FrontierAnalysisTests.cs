using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Analyses.Frontier;

public sealed class FrontierAnalysisTests
{
    private static readonly SolveOptions Exact = AnalysisTesting.ExactSolve;

    [Fact]
    public void More_budget_buys_less_expected_shortage()
    {
        // Newsvendor, damage 30, budget 480: a tonne costs 12 in every scenario and saves
        // 0.5·30 = 15, so the plan stocks as much of the 60 t halt shortfall as the budget pays
        // for: x = min(60, 480·scale/12). Expected shortage 0.5·(60 − x); outlay 12x.
        //   scale 0    0.25  0.5   1     1.5   2
        //   x     0    10    20    40    60    60
        //   short 30   25    20    10    0     0
        //   spend 0    120   240   480   720   720
        // Every point trades outlay for shortage, so all are on the frontier (the last two tie).
        var result = FrontierAnalysis.Run(HandInstances.Newsvendor(damage: 30, budget: 480), new FrontierSpec
        {
            Parameter = FrontierParameter.BudgetScale, Values = [0, 0.25, 0.5, 1, 1.5, 2], Solve = Exact,
        });

        Assert.Equal([30, 25, 20, 10, 0, 0], result.Points.Select(p => Math.Round(p.ExpectedShortageTonnes!.Value, 6)));
        Assert.Equal([0, 120, 240, 480, 720, 720], result.Points.Select(p => Math.Round(p.ExpectedFiscalUsd!.Value, 6)));
        Assert.Equal([0, 10, 20, 40, 60, 60], result.Points.Select(p => Math.Round(p.Policy!.Stockpiles.Single().Tonnes, 6)));
        Assert.All(result.Points, p => Assert.True(p.NonDominated));
        AssertNonIncreasing(result.Points.Select(p => p.ExpectedShortageTonnes!.Value));
        Assert.Equal("expected fiscal outlay (USD)", result.CostAxis);
        AnalysisTesting.AssertJsonFriendly(result);
    }

    [Fact]
    public void More_caution_buys_less_cvar_shortage()
    {
        // A newsvendor with three futures (damage 20, α = 0.9): calm 0.5; a mild halt 0.3 short
        // 30 t; a severe halt 0.2 short 60 t. With stock x ≤ 60:
        //   E[cost] = 12x + 0.3·20·(30 − x)⁺ + 0.2·20·(60 − x), slope 2 on [0, 30], 8 on [30, 60];
        //   CVaR_0.9 = the severe halt's cost 12x + 20·(60 − x) = 1200 − 8x (it alone fills the 10 % tail).
        // The objective's slope is 2 − 8λ, then 8 − 8λ: x = 0 for λ < ¼, 30 for ¼ < λ < 1, 60 for λ > 1.
        // CVaR shortage = 60 − x: 60, 30, 0; E[cost] = 420, 480, 720 — each step buys tail
        // safety with expected cost, so every point is non-dominated.
        var instance = ThreeFutures();
        var result = FrontierAnalysis.Run(instance, new FrontierSpec
        {
            Parameter = FrontierParameter.RiskWeight, Range = new FrontierRange(0, 2, 9), Solve = Exact,
        });

        Assert.Equal([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], result.Points.Select(p => p.Value));
        AssertNonIncreasing(result.Points.Select(p => p.CvarShortageTonnes!.Value));
        var byLambda = result.Points.ToDictionary(p => p.Value);
        Assert.Equal(60, byLambda[0].CvarShortageTonnes!.Value, 6);
        Assert.Equal(420, byLambda[0].ExpectedCostUsd!.Value, 6);
        Assert.Equal(30, byLambda[0.5].CvarShortageTonnes!.Value, 6);
        Assert.Equal(480, byLambda[0.5].ExpectedCostUsd!.Value, 6);
        Assert.Equal(0, byLambda[2].CvarShortageTonnes!.Value, 6);
        Assert.Equal(720, byLambda[2].ExpectedCostUsd!.Value, 6);
        Assert.Equal("CVaR shortage (tonnes)", result.RiskAxis);
    }

    [Fact]
    public void Dominance_is_marked_on_a_hand_list()
    {
        // (1,5), (2,3), (4,1) trade off; (3,3) is beaten by (2,3) on cost; (2,4) by (2,3) on
        // risk; the repeated (4,1) ties with itself, so neither copy is dominated.
        (double, double)[] points = [(1, 5), (2, 3), (3, 3), (2, 4), (4, 1), (4, 1)];
        Assert.Equal([true, true, false, false, true, true], Pareto.NonDominated(points));
    }

    [Fact]
    public void Each_point_after_the_first_starts_from_the_previous_policy_and_reaches_the_same_optimum()
    {
        var instance = Generated.Small(11);
        var spec = new FrontierSpec { Parameter = FrontierParameter.BudgetScale, Values = [0.4, 0.7, 1], Solve = Exact };
        var progress = new RecordingProgress();
        var warm = FrontierAnalysis.Run(instance, spec, progress: progress);
        var cold = FrontierAnalysis.Run(instance, spec with { WarmStart = false, MaxParallelism = 2 });

        Assert.Equal([false, true, true], warm.Points.Select(p => p.WarmStarted));
        Assert.All(cold.Points, p => Assert.False(p.WarmStarted));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(cold.Points[i].ObjectiveUsd!.Value, warm.Points[i].ObjectiveUsd!.Value, 1e-7 * cold.Points[i].ObjectiveUsd!.Value);
            Assert.True(warm.Points[i].WallSeconds > 0);
        }
        progress.AssertCountsUpTo(3);
        Assert.Equal("budget scale = 0.4", progress.Reports[0].Item);
    }

    [Fact]
    public void Hinting_the_optimum_or_a_poor_plan_leaves_the_optimum_unchanged()
    {
        // Hinting the optimum itself, or a poor plan (a stockpile nobody needs), leaves the answer alone.
        var instance = Generated.Small(12, riskWeight: 0.4);
        var plain = StockpileSolver.Solve(instance, Exact);
        var poor = new Policy { Stockpiles = [new StockpileTarget("A", "m1", 15, 0), new StockpileTarget("B", "m2", 0, 0)] };
        foreach (var hint in new[] { plain.Policy!, poor })
        {
            var hinted = StockpileSolver.Solve(instance, Exact with { Hint = hint });
            Assert.Equal(plain.Solver.Objective, hinted.Solver.Objective, 1e-7 * plain.Solver.Objective);
        }
    }

    [Fact]
    public void A_spec_without_values_or_with_a_negative_value_is_refused()
    {
        var instance = HandInstances.Newsvendor(damage: 30);
        Assert.Throws<ArgumentException>(() => FrontierAnalysis.Run(instance, new FrontierSpec()));
        Assert.Throws<ArgumentException>(() => FrontierAnalysis.Run(instance, new FrontierSpec { Values = [1], Range = new FrontierRange(0, 1, 2) }));
        var negative = Assert.Throws<ArgumentException>(() => FrontierAnalysis.Run(instance, new FrontierSpec { Parameter = FrontierParameter.RiskWeight, Values = [0.5, -1] }));
        Assert.Contains("risk weight λ must be a finite number ≥ 0 (got -1)", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_sweep_returns_the_points_it_did_not_reach_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = FrontierAnalysis.Run(HandInstances.Newsvendor(damage: 30), new FrontierSpec { Values = [1, 2] }, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.All(result.Points, p => Assert.Equal(Termination.Cancelled, p.Termination));
        Assert.All(result.Points, p => Assert.False(p.NonDominated));
    }

    private static StockpileInstance ThreeFutures()
    {
        var newsvendor = HandInstances.Newsvendor(damage: 20);
        Scenario Halt(string id, double probability, double availability) => new()
        {
            Id = id, Probability = probability,
            Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = availability }],
        };
        return newsvendor with { Scenarios = [new Scenario { Id = "calm", Probability = 0.5 }, Halt("mild", 0.3, 0.7), Halt("severe", 0.2, 0.4)] };
    }

    private static void AssertNonIncreasing(IEnumerable<double> values)
    {
        var list = values.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            Assert.True(list[i] <= list[i - 1] + 1e-7, $"point {i}: {list[i]} > {list[i - 1]}");
        }
    }
}

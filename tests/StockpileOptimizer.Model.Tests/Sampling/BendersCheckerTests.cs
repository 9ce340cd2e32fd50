using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Properties;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// The decomposition's plan is a plan of the model: solved as a fixed policy on the SAA problem
/// (the samples as the instance's scenarios) it costs what the decomposition said, within the
/// gap, and the independent checker (every row and the objective, docs/model.md) accepts it.
/// </summary>
public sealed class BendersCheckerTests
{
    [Fact]
    public void The_default_instance_plan_with_cvar_passes_the_independent_check()
    {
        var solved = DefaultWithCvar;

        AssertPlanChecks(solved.Problem, solved.Benders, solved.Extensive, "default, λ = 0.5");
    }

    [Fact]
    public void The_budget_bound_plan_passes_the_independent_check()
    {
        // The newsvendor of BendersBudgetTests: the budget binds in calm, the optimum is 1,660.
        var instance = HandInstances.Newsvendor(damage: 30, periods: 2, budget: 1120);
        var spec = Spec(instance.Scenarios, cutGroups: 1);

        AssertPlanChecks(instance, Benders(instance, spec), Extensive(instance, spec), "budget-bound newsvendor");
    }

    [Theory]
    [InlineData(1, 0.0, CooperationMode.Joint)]
    [InlineData(3, 0.3, CooperationMode.Independent)]
    [InlineData(13, 0.3, CooperationMode.Joint)]
    public void Generated_v2_plans_on_sampled_futures_pass_the_independent_check(int seed, double riskWeight, CooperationMode mode)
    {
        var generated = InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed));
        var instance = generated with { Policy = generated.Policy with { Mode = mode, RiskWeight = riskWeight } };
        var samples = ScenarioGenerator.Sample(instance, GeneratedDistribution, 6, seed);
        var spec = Spec(samples);

        AssertPlanChecks(instance with { Scenarios = samples.ToArray() }, Benders(instance, spec), Extensive(instance, spec),
            $"v2 seed {seed}, {mode}, λ = {riskWeight}");
    }

    /// <summary>
    /// The plan re-solved as a fixed policy: its cost shares and η are free again, so it costs at
    /// most the decomposition's value and, being a plan, at least the extensive bound; and the
    /// checker recomputes every row and the objective of that solve.
    /// </summary>
    private static void AssertPlanChecks(StockpileInstance problem, SaaResult benders, SaaResult extensive, string label)
    {
        AssertSameValue(benders, extensive, label);
        var fixedPlan = StockpileSolver.Solve(problem, new SolveOptions { FixedPolicy = benders.Policy });

        Assert.True(fixedPlan.Solver.Termination == Termination.Optimal, $"{label}: {fixedPlan.Solver.Termination} {fixedPlan.Solver.Message}");
        var value = fixedPlan.Solver.Objective;
        var scale = Math.Max(1, Math.Abs(benders.ObjectiveUsd));
        Assert.True(value <= benders.ObjectiveUsd + 1e-6 * scale, $"{label}: fixed plan {value}, decomposition {benders.ObjectiveUsd}");
        Assert.True(value >= extensive.BoundUsd - 1e-6 * scale, $"{label}: fixed plan {value} below the extensive bound {extensive.BoundUsd}");
        Assert.True(Math.Abs(value - benders.ObjectiveUsd) <= Gap * scale, $"{label}: fixed plan {value}, decomposition {benders.ObjectiveUsd}");
        CheckerAgreementTests.AssertAgrees(problem, fixedPlan, label);
    }
}

using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;
using static StockpileOptimizer.Model.Tests.Sampling.BendersHarness;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// Budget rows hold in every scenario, but the master sees only the first stage: a plan it
/// proposes may leave some sample with no recourse inside its budget. Feasibility cuts must
/// then cut that plan off; where no plan fits any budget the decomposition says so.
/// </summary>
public sealed class BendersBudgetTests
{
    // The newsvendor over two quarters (acquisition 10, holding 2 per period on opening stock,
    // demand 100 t per period, damage 30/t), calm and a halt (π ½ each) leaving 40 % of imports
    // in both periods: the halt lacks 60 t per period. Releases are allowed only in the halt.
    //
    // calm: nothing can be released, so I_1 = I_2 = x and F = 10x + 2x + 2x = 14x.
    // halt: releasing r_1 in period 1 saves holding on it: F = 14x − 2r_1, damage 30(120 − r_1 − r_2).
    // Without a budget, a tonne released in period 1 costs ½·14 + ½·12 = 13 against ½·30 = 15
    // saved, one released in period 2 costs 14 against 15: x = 120, whose calm outlay 1,680 is
    // over a budget of 1,120 — that first stage has no recourse in calm.
    // With the budget, 14x ≤ 1,120 in calm: x ≤ 80, and the objective falls by ½·30 − 14 = 1
    // per tonne up to there, so x = 80 (unique): calm L = 1,120; halt r = (60, 20),
    // F = 1,120 − 120 = 1,000 (the budget does not bind there), shortage 40 t → 1,200,
    // L = 2,200. Objective ½·1,120 + ½·2,200 = 1,660.
    private const double Budget = 1120, Stock = 80, Objective = 1660;

    private static StockpileInstance BudgetBound() => HandInstances.Newsvendor(damage: 30, periods: 2, budget: Budget);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_budget_bound_optimum_needs_feasibility_cuts_and_equals_the_hand_value(int cutGroups)
    {
        var instance = BudgetBound();
        using var farm = new RecordingFarm();

        var benders = Benders(instance, Spec(instance.Scenarios, cutGroups), farm: farm);
        var extensive = Extensive(instance, Spec(instance.Scenarios));

        AssertSameValue(benders, extensive, $"budget-bound newsvendor, {cutGroups} cut groups");
        Assert.True(farm.InfeasibleAnswers > 0, "no sample was ever without recourse: no feasibility cut was made");
        Assert.Equal(Objective, benders.ObjectiveUsd, 1e-6 * Objective);
        Assert.Equal(Objective, extensive.ObjectiveUsd, 1e-6 * Objective);
        Assert.Equal(Stock, benders.Policy!.Stockpiles.Single().Tonnes, 1e-6);
    }

    /// <summary>
    /// The calm future split into ten copies (π 0.05 each) beside the halt: the same problem, so
    /// the same optimum (x = 80, 1,660). At x = 120 every sample is over its budget (calm: 14·120 =
    /// 1,680; halt: at least 1,680 − 2·60 = 1,560, against 1,120): the batch gives a phase-1 cut for
    /// its first <see cref="SubproblemWorker.FeasibilityCutsPerBatch"/> samples and reports the
    /// others infeasible without one, and the decomposition still reaches the hand optimum.
    /// </summary>
    [Fact]
    public void A_batch_gives_at_most_its_feasibility_cuts_per_point_and_the_optimum_is_still_reached()
    {
        var single = BudgetBound();
        var calm = single.Scenarios.Single(s => s.Id == "calm");
        var instance = single with
        {
            Scenarios = [.. Enumerable.Range(0, 10).Select(i => calm with { Id = $"calm-{i}", Probability = 0.05 }), single.Scenarios.Single(s => s.Id == "halt")],
        };
        var over = new Policy { Stockpiles = [new StockpileTarget("A", "m", 120, 0)] };
        using var worker = new SubproblemWorker(instance);

        var answers = worker.Solve(PlanPoints.Of(instance, over, new double[PlanPoints.CvarGroups(instance)])).Scenarios;

        Assert.All(answers, a => Assert.Equal(SubproblemStatus.Infeasible, a.Status));
        var cut = SubproblemWorker.FeasibilityCutsPerBatch;
        Assert.All(answers.Take(cut), a => Assert.True(a.Value > 0, $"sample {a.Scenario}: phase-1 value {a.Value}"));
        Assert.All(answers.Skip(cut), a => Assert.True(double.IsNaN(a.Value), $"sample {a.Scenario} has a cut beyond the batch's {cut}"));
        // Every calm copy is over by the same 560 USD: the same phase-1 value.
        Assert.All(answers.Take(cut), a => Assert.Equal(answers[0].Value, a.Value, 1e-9 * answers[0].Value));

        using var farm = new RecordingFarm();
        var benders = Benders(instance, Spec(instance.Scenarios), farm: farm);
        var extensive = Extensive(instance, Spec(instance.Scenarios));

        AssertSameValue(benders, extensive, "budget-bound newsvendor, calm in ten copies");
        Assert.Equal(Objective, benders.ObjectiveUsd, 1e-6 * Objective);
        Assert.Equal(Stock, benders.Policy!.Stockpiles.Single().Tonnes, 1e-6);
    }

    /// <summary>
    /// A master whose one cut θ ≥ −x rewards stock without limit: alone it stocks up to the
    /// storage (10⁶ t). With a sample's recourse embedded, its budget holds in the master:
    /// calm 14x ≤ 1,120 gives x = 80; the halt may release all of x in period 1 (demand 100 t,
    /// importing less), saving its holding in period 2: 14x − 2x ≤ 1,120 gives x = 1,120 / 12 ≈
    /// 93.33. Both embedded: the tighter, 80. The
    /// relaxed and the integer master agree (x is continuous); the bound is θ = −x.
    /// </summary>
    [Theory]
    [InlineData(new string[0], 1e6)]
    [InlineData(new[] { "calm" }, 80.0)]
    [InlineData(new[] { "halt" }, 1120.0 / 12)]
    [InlineData(new[] { "halt", "calm" }, 80.0)]
    public void An_embedded_samples_budget_bounds_every_master_point(string[] embed, double stock)
    {
        var instance = BudgetBound();
        ModelData Alone(string id) => new(SubproblemWorker.Alone(instance, instance.Scenarios.Single(s => s.Id == id)), instance.Policy.Mode);
        using var master = new BendersMaster(Alone("calm"), [-1e9], new SolveOptions());
        using var scratch = SolverFactory.CreateLp();
        var reward = new double[new FirstStageLayout(StockpileModel.Build(Alone("calm"), scratch)).Count];
        reward[0] = -1; // x[A,m] is the layout's first column
        master.Add(new BendersMaster.Cut(0, reward, 0));
        foreach (var id in embed)
        {
            master.Embed(Alone(id));
        }

        var relaxed = master.SolveRelaxed(CancellationToken.None);
        var integer = master.SolveInteger(MipSolver.Scip, null, 1e-9, null, CancellationToken.None);

        Assert.Equal(embed.Length, master.Embedded);
        Assert.Equal(stock, relaxed.Point![0], 1e-6 * stock);
        Assert.Equal(stock, integer.Point![0], 1e-6 * stock);
        Assert.Equal(-stock, relaxed.Bound, 1e-6 * stock);
    }

    /// <summary>
    /// The start plan x = 120 is over the calm budget; with calm embedded, the master's nearest
    /// point to it is x = 80, the most stock calm's budget carries (14x ≤ 1,120).
    /// </summary>
    [Fact]
    public void The_masters_nearest_point_to_an_over_budget_plan_is_at_the_budget()
    {
        var instance = BudgetBound();
        var calm = new ModelData(SubproblemWorker.Alone(instance, instance.Scenarios.Single(s => s.Id == "calm")), instance.Policy.Mode);
        using var master = new BendersMaster(calm, [0], new SolveOptions());
        var over = PlanPoints.Of(instance, new Policy { Stockpiles = [new StockpileTarget("A", "m", 120, 0)] }, new double[PlanPoints.CvarGroups(instance)]);

        var alone = master.Nearest(over, CancellationToken.None);
        master.Embed(calm);
        var repaired = master.Nearest(over, CancellationToken.None);

        Assert.Equal(120, alone!.Point[0], 1e-6);
        Assert.Equal(80, repaired!.Point[0], 1e-6);
        // No integer column here: the repair is a plan, and it holds the 80 t.
        Assert.Equal(80, repaired.Policy!.Stockpiles.Single().Tonnes, 1e-6);
    }

    [Fact]
    public void No_plan_within_the_budget_ends_infeasible_with_a_message()
    {
        // A 12-month coverage floor of 100 t per quarter needs x ≥ 400 t, which costs
        // 12·400 = 4,800 in every scenario against a budget of 1,000: no plan at all.
        var instance = HandInstances.Newsvendor(damage: 30, budget: 1000)
            .WithPolicy(p => p with { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] });

        var benders = Benders(instance, Spec(instance.Scenarios));

        Assert.True(benders.Termination == Termination.Infeasible, $"{benders.Termination}: {benders.Message}");
        Assert.Null(benders.Policy);
        Assert.False(string.IsNullOrWhiteSpace(benders.Message));
        Assert.Equal(Termination.Infeasible, Extensive(instance, Spec(instance.Scenarios)).Termination);
    }
}

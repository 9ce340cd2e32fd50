using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Analyses.Cooperation;

public sealed class CooperationAnalysisTests
{
    private static readonly CooperationOptions Exact = new()
    {
        MaxParallelism = 2,
        Solve = AnalysisTesting.ExactSolve,
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_model_v2_instance_with_trade_holdings_and_tariff_events_splits_into_valid_coalitions(int which)
    {
        // Each coalition keeps only its own trade links, holdings and the tariff events on its
        // links: every restricted instance is valid, and the analysis runs to its end. The
        // instances: the first generated two-country v2 instances that have all three.
        var instance = Enumerable.Range(1, 500)
            .Select(seed => InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed) with { Countries = 2 }))
            .Where(i => i.Trade.Count > 0 && i.Holdings.Count > 0 && i.Scenarios.Any(s => s.TariffEvents.Count > 0))
            .ElementAt(which);
        foreach (var members in new[] { new[] { instance.Countries[0].Id }, [instance.Countries[1].Id] })
        {
            var alone = Coalition.Restrict(instance, members);
            Assert.Empty(InstanceValidator.Validate(alone));
            Assert.Empty(alone.Trade);
            Assert.All(alone.Scenarios, s => Assert.Empty(s.TariffEvents));
        }

        var result = CooperationAnalysis.Run(instance, Exact);

        Assert.True(result.Exact);
        Assert.NotNull(result.JointCostUsd);
    }

    [Fact]
    public void Two_mirror_image_countries_split_the_saving_equally()
    {
        // Alone, A stocks x only against its own halt (π = 0.25): a tonne costs 12 and saves
        // 0.25·30 = 7.5 < 12, so x = 0 and A bears 0.25·60·30 = 450; B likewise.
        // INDEPENDENT = 900. Together a pooled tonne serves whichever halt comes (π = 0.5):
        // 0.5·30 = 15 > 12, so they pool 60 t: 12·60 = 720 in every scenario, no shortage.
        // Saving 180; by component: acquisition −600, holding −120, shortage damage +900.
        // The two are mirror images, so each gets half: φ = 90, and each pays 450 − 90 = 360.
        var result = CooperationAnalysis.Run(HandInstances.Twins(), Exact);

        Assert.True(result.Exact);
        Assert.Equal(720, result.JointCostUsd!.Value, 6);
        Assert.Equal(900, result.IndependentCostUsd!.Value, 6);
        Assert.Equal(180, result.SavingUsd!.Value, 6);
        Assert.All(result.Shares, s => Assert.Equal(450, s.StandAloneCostUsd!.Value, 6));
        Assert.All(result.Shares, s => Assert.Equal(90, s.ShapleyUsd!.Value, 6));
        Assert.All(result.Shares, s => Assert.Equal(360, s.CostAfterSplitUsd!.Value, 6));
        var byComponent = result.SavingByComponent.ToDictionary(c => c.Component, c => c.Usd);
        Assert.Equal(-600, byComponent["acquisition"], 6);
        Assert.Equal(-120, byComponent["holding"], 6);
        Assert.Equal(900, byComponent["shortage-damage"], 6);
        Assert.Equal(180, byComponent.Values.Sum(), 6);
        AnalysisTesting.AssertJsonFriendly(result);
    }

    // With two countries v({c}) = 0, so φ_c = ½·v({A,B}) for any instance: each keeps its
    // stand-alone cost minus half the saving (MODEL.md). Efficiency — the Shapley values sum
    // to the grand coalition's saving — holds for any number of countries.
    [Property(MaxTest = 4, Replay = "(20261206,11400714819323198485)")]
    public Property Shapley_values_sum_to_the_saving_and_two_countries_split_it_equally(PositiveInt seed, bool riskAverse)
    {
        var result = CooperationAnalysis.Run(Generated.Small(seed.Get, riskWeight: riskAverse ? 0.5 : 0), Exact);
        var saving = result.SavingUsd!.Value;
        var shares = result.Shares.Select(s => s.ShapleyUsd!.Value).ToArray();
        var tolerance = 1e-7 * Math.Max(1, result.IndependentCostUsd!.Value);
        var components = result.SavingByComponent.Sum(c => c.Usd);
        return (Math.Abs(shares.Sum() - saving) <= tolerance
                && Math.Abs(shares[0] - shares[1]) <= tolerance
                && Math.Abs(components - saving) <= 1e-6 * Math.Max(1, result.IndependentCostUsd!.Value)
                && saving >= -tolerance)
            .Label($"saving {saving}, shares {string.Join(", ", shares)}, components sum {components}");
    }

    [Fact]
    public void Three_countries_where_one_has_surplus_output_match_the_hand_shapley_value()
    {
        // Alone: A's producer covers its own halt shortfall, cost 0; B and C are newsvendors
        // (0.5·30 = 15 > 12 per tonne), so each stocks its 60 t shortfall: 720.
        // Coalitions: A's 60 t surplus in the halt can replace one partner's stockpile —
        //   cost(AB) = cost(AC) = 0 (the partner no longer stocks), cost(BC) = 1440 (both
        //   short at once: nothing to share), cost(ABC) = 720 (the surplus covers one of B, C).
        // v(S) = Σ stand-alone − cost(S): v(AB) = v(AC) = 720, v(BC) = 0, v(ABC) = 720.
        // Shapley, averaging marginal contributions over the 6 orders:
        //   A adds 720 in the 4 orders where it is not first → φ_A = 4·720/6 = 480;
        //   B adds 720 only in A,B,C → φ_B = 720/6 = 120; likewise φ_C = 120. Σ = 720.
        var result = CooperationAnalysis.Run(CoalitionInstances.Glove(), Exact);

        var cost = result.Coalitions.ToDictionary(c => string.Join('+', c.Members), c => c.CostUsd!.Value);
        Assert.Equal(0, cost["A"], 6);
        Assert.Equal(720, cost["B"], 6);
        Assert.Equal(720, cost["C"], 6);
        Assert.Equal(0, cost["A+B"], 6);
        Assert.Equal(0, cost["A+C"], 6);
        Assert.Equal(1440, cost["B+C"], 6);
        Assert.Equal(720, cost["A+B+C"], 6);
        Assert.Equal(720, result.SavingUsd!.Value, 6);
        Assert.Equal([480, 120, 120], result.Shares.Select(s => Math.Round(s.ShapleyUsd!.Value, 6)));
        Assert.Equal([-480, 600, 600], result.Shares.Select(s => Math.Round(s.CostAfterSplitUsd!.Value, 6)));
    }

    [Fact]
    public void Shapley_on_solved_coalitions_matches_the_three_player_formula()
    {
        // φ_i = ⅓·v(i) + ⅙·(v(ij) − v(j)) + ⅙·(v(ik) − v(k)) + ⅓·(v(ijk) − v(jk)), with v(i) = 0,
        // on the characteristic function the solves produced; and the singletons add up to the
        // engine's own INDEPENDENT mode (the restriction to one country is its stand-alone problem).
        var instance = InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 3, Materials = 1, Periods = 2, Scenarios = 3, ProducersPerCountry = 1, Investments = 1, Tiers = 2, RiskWeight = 0.3, Seed = 5,
        });
        var result = CooperationAnalysis.Run(instance, Exact);

        var v = result.Coalitions.ToDictionary(c => string.Join('+', c.Members), c => c.ValueUsd!.Value);
        string[] ids = ["C0", "C1", "C2"];
        double V(params string[] members) => members.Length == 0 ? 0 : v[string.Join('+', ids.Where(members.Contains))];
        for (var i = 0; i < 3; i++)
        {
            var (me, j, k) = (ids[i], ids[(i + 1) % 3], ids[(i + 2) % 3]);
            var expected = V(me) / 3 + (V(me, j) - V(j)) / 6 + (V(me, k) - V(k)) / 6 + (V(me, j, k) - V(j, k)) / 3;
            Assert.Equal(expected, result.Shares[i].ShapleyUsd!.Value, 1e-6 * Math.Max(1, Math.Abs(expected)));
        }
        var independent = StockpileSolver.Solve(instance.WithPolicy(p => p with { Mode = CooperationMode.Independent }), Exact.Solve);
        Assert.Equal(independent.Solver.Objective, result.IndependentCostUsd!.Value, 1e-6 * independent.Solver.Objective);
    }

    [Fact]
    public void Shapley_of_the_glove_game_by_hand()
    {
        // The characteristic function of the three-country case above, indexed by mask (bit 0 = A).
        double[] v = [0, 0, 0, 720, 0, 720, 0, 720];
        Assert.Equal([480, 120, 120], Shapley.Values(3, v).Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public void Too_many_countries_is_refused_with_the_limit_named()
    {
        var seven = InstanceGenerator.Generate(new GeneratorSpec { Countries = 7, Materials = 1, Periods = 2, Scenarios = 2 });

        var error = Assert.Throws<TooManyCountriesException>(() => CooperationAnalysis.Run(seven));
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Contains("limited to 6 countries", error.Message, StringComparison.Ordinal);
        Assert.Contains("127 solves", error.Message, StringComparison.Ordinal);

        var lowered = Assert.Throws<TooManyCountriesException>(() =>
            CooperationAnalysis.Run(CoalitionInstances.Glove(), new CooperationOptions { MaxCountries = 2 }));
        Assert.Equal(2, lowered.Limit);
    }

    [Fact]
    public void Progress_counts_every_coalition_and_a_cancelled_run_splits_nothing()
    {
        var progress = new RecordingProgress();
        CooperationAnalysis.Run(HandInstances.Twins(), Exact, progress: progress);
        progress.AssertCountsUpTo(3);
        Assert.Contains(progress.Reports, r => r.Item == "coalition A+B");

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var cancelled = CooperationAnalysis.Run(HandInstances.Twins(), Exact, cancel.Token);
        Assert.True(cancelled.Cancelled);
        Assert.Null(cancelled.SavingUsd);
        Assert.All(cancelled.Shares, s => Assert.Null(s.ShapleyUsd));
        Assert.Equal(3, cancelled.Coalitions.Count);
    }

    [Fact]
    public void A_coalition_without_a_plan_leaves_the_split_undefined_but_reports_the_rest()
    {
        // B's coverage floor (6 months of its 100 t/quarter defence demand = 200 t, 2,400 USD)
        // is beyond its budget of 1,000 alone; with A it is still B's own floor and budget, so
        // every coalition containing B is infeasible.
        var twins = HandInstances.Twins();
        var instance = twins with
        {
            Countries = twins.Countries.Select(c => c.Id == "B" ? c with { BudgetUsd = 1000 } : c).ToArray(),
            Policy = twins.Policy with { CoverageFloors = [new CoverageFloor { Country = "B", Material = "m", Months = 6 }] },
        };
        var result = CooperationAnalysis.Run(instance, Exact);

        Assert.Null(result.SavingUsd);
        Assert.Equal(Termination.Infeasible, result.Coalitions.Single(c => c.Members.SequenceEqual(["B"])).Termination);
        Assert.NotNull(result.Coalitions.Single(c => c.Members.SequenceEqual(["A"])).CostUsd);
        Assert.Contains("no plan for B (infeasible)", result.Message, StringComparison.Ordinal);
        AnalysisTesting.AssertJsonFriendly(result);
    }

    [Theory]
    // Partners A, B, C each [0.2, 0.8]: in {A, B} the bounds still allow a split and are kept;
    // alone, A's maximum 0.8 is scaled to 1 (it pays all); with no partner in S the host pays.
    [InlineData("A,B", "A:0.2-0.8,B:0.2-0.8")]
    [InlineData("A", "A:0.2-1")]
    [InlineData("D", "")]
    public void Partner_shares_are_renormalised_within_the_coalition(string members, string expected)
    {
        CostShare[] partners = [new() { Country = "A", MinShare = 0.2, MaxShare = 0.8 }, new() { Country = "B", MinShare = 0.2, MaxShare = 0.8 }, new() { Country = "C", MinShare = 0.2, MaxShare = 0.8 }];
        var kept = Coalition.PartnersWithin(partners, members.Split(',').ToHashSet());
        Assert.Equal(expected, string.Join(',', kept.Select(p => $"{p.Country}:{p.MinShare:G6}-{p.MaxShare:G6}")));
    }
}

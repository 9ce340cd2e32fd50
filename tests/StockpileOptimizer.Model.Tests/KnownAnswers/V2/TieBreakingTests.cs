using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Tie-breaking: ε = 1e-4·price per tonne moved, released or held.</summary>
public sealed class TieBreakingTests
{
    /// <summary>
    /// H = 1, A and B alike: demand 100 t (damage 30), imports "cn" 100 t that "halt" (π = 0.5)
    /// throttles to 40 % in both; a free sharing link A–B of 100 t each way.
    /// </summary>
    private static StockpileInstance Twins(bool tieBreaking) => Base("twins", 1) with
    {
        Countries = [Country("A"), Country("B")],
        Demands = [Demand("A", "m", "k", 30, 100), Demand("B", "m", "k", 30, 100)],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [Import("A", "m", "cn", 100), Import("B", "m", "cn", 100)],
        Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 100 }],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("cn", "m", 1, 1, 0.4))],
        Policy = Plain(tieBreaking: tieBreaking),
    };

    [Fact]
    public void Without_tie_breaking_only_the_total_stock_is_determined()
    {
        // Each country's halt shortfall is 60 t; 0.5·30 = 15 > 12, so 120 t are stocked in all,
        // anywhere (transfers are free): 12·120 = 1440 in both scenarios.
        var result = SolveOptimal(Twins(tieBreaking: false));

        Assert.Equal(1440, result.Solver.Objective, Tol);
        Assert.Equal(120, result.Stockpile("A") + result.Stockpile("B"), Tol);
        Assert.Equal(0, result.Kpis!.ExpectedShortageTonnes, Tol);
    }

    [Fact]
    public void Each_country_holds_its_own_stock_with_no_transfers_and_the_same_plan_every_run()
    {
        // ε = 1e-4·10 = 1e-3 USD a tonne. Total stock 120 t (as without tie-breaking); any split
        // other than 60/60 needs transfers in the halt, which cost ε, so A and B hold 60 t each
        // and nothing moves. Objective 1440 + ε·120 (held) + ε·0.5·120 (released in the halt)
        // = 1440 + 0.12 + 0.06 = 1440.18.
        var first = SolveOptimal(Twins(tieBreaking: true));
        var second = SolveOptimal(Twins(tieBreaking: true));

        Assert.Equal(1440.18, first.Solver.Objective, Tol);
        Assert.Equal(60, first.Stockpile("A"), Tol);
        Assert.Equal(60, first.Stockpile("B"), Tol);
        foreach (var scenario in new[] { "calm", "halt" })
        {
            AssertSeries([0], first.Transfers(scenario, "A", "B"));
            AssertSeries([0], first.Transfers(scenario, "B", "A"));
        }
        AssertSeries([60], first.MaterialPath("halt", "A").Releases);
        AssertSeries([60], first.MaterialPath("halt", "B").Releases);

        Assert.Equal(first.Solver.Objective, second.Solver.Objective);
        Assert.Equal(first.Policy!.Stockpiles.Select(s => s.Tonnes), second.Policy!.Stockpiles.Select(s => s.Tonnes));
        Assert.Equal(
            first.Scenarios.SelectMany(s => s.Transfers).SelectMany(e => e.Tonnes),
            second.Scenarios.SelectMany(s => s.Transfers).SelectMany(e => e.Tonnes));
    }

    [Fact]
    public void A_needed_transfer_flows_one_way_only()
    {
        // FamilyInstances.Sharing (JOINT) as formatVersion 2: the halt (π = 0.5) stops B's imports,
        // A has 100 t of spare import access, the link carries 40 t each way, damage 20 (stock:
        // 0.5·20 = 10 < 12, none). A sends 40 t; anything sent back would cost ε and, with A → B
        // at its bound, leave B shorter. Objective 0.5·60·20 + ε·0.5·40 = 600 + 0.02 = 600.02.
        var instance = FamilyInstances.Sharing(CooperationMode.Joint) with { FormatVersion = 2, Policy = Plain(tieBreaking: true) };

        var result = SolveOptimal(instance);

        Assert.Equal(600.02, result.Solver.Objective, Tol);
        AssertSeries([40], result.Transfers("halt", "A", "B"));
        AssertSeries([0], result.Transfers("halt", "B", "A"));
        AssertSeries([0], result.Transfers("calm", "A", "B"));
        AssertSeries([0], result.Transfers("calm", "B", "A"));
        Assert.Equal(0, result.Stockpile("A"), Tol);
        Assert.Equal(0, result.Stockpile("B"), Tol);
    }
}

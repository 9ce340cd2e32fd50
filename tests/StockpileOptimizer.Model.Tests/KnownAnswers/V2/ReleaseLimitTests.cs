using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>
/// The shortage rule's release limit: the guaranteed supply counts domestic producers as far as
/// their inputs are guaranteed, a built investment raises the limit of what it draws, and in
/// JOINT mode a country may release what it can send a partner short of the material.
/// </summary>
public sealed class ReleaseLimitTests
{
    /// <summary>
    /// H = 1, one calm scenario (π = 1), released stock sold at the price (π_r = 1). Magnets "mag"
    /// (price 100, acquisition 1000: never worth stocking) are made only by "plant" (50 t, ramp
    /// 25, unit cost 5: no price war) from 2 t of oxide a tonne; demand 75 t (damage 100). Oxide
    /// "ox" (price, acquisition 10, holding 2) is imported, 100 t, and 50 t are held at t = 0.
    /// "expand" adds 25 t to the plant from period 1 (lead 0) for <paramref name="capex"/>.
    /// </summary>
    private static StockpileInstance PlantExpansion(double capex) => Base("plant-expansion", 1) with
    {
        Materials = [Material("ox"), Material("mag", price: 100, acquisition: 1000)],
        Demands = [Demand("A", "mag", "k", 100, 75)],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [Import("A", "ox", "cn", 100)],
        Holdings = [new Holding { Country = "A", Material = "ox", GovernmentTonnes = 50 }],
        Producers =
        [
            new Producer
            {
                Id = "plant", Country = "A", Material = "mag", CapacityTonnesPerPeriod = 50, RampTonnesPerPeriod = 25,
                UnitCostUsdPerTonne = 5, Inputs = [new RecipeInput { Material = "ox", TonnesPerTonne = 2 }],
            },
        ],
        Investments = [new Investment { Id = "expand", Producer = "plant", AddedCapacityTonnesPerPeriod = 25, CapexUsd = capex }],
        Scenarios = [Scenario("calm", 1)],
        Policy = Plain(releaseFraction: 1),
    };

    [Theory]
    // Oxide: need = the plant's draw at base capacity 2·50 = 100 = guaranteed imports 100 → Rl = 0;
    // the build raises it by max(0, 100 + 2·25 − 100) − 0 = 50. Holding 2·50 = 100 is paid on the
    // held oxide whatever the plan; magnets have a gap of 75 − 50 = 25 but no stock.
    //   Not built: the plant makes 50 t (100 t of oxide), 25 t of magnets are short: 2500; the
    //   held oxide may not be released (limit 0), not even for its revenue 10·50 → 2600.
    //   Built: the limit is 50, the 50 t held are released (revenue 500) into the plant with the
    //   100 t imported → 75 t of magnets, no shortage: capex + 100 − 500 = capex − 400.
    // capex 500: 100 < 2600, built. capex 5000: 4600 > 2600, not built.
    [InlineData(500, true, 50, 75, 100)]
    [InlineData(5000, false, 0, 50, 2600)]
    public void Building_a_plant_lets_the_stock_of_its_input_be_released_into_the_gap_the_build_opens(
        double capex, bool built, double released, double magnets, double objective)
    {
        var result = SolveOptimal(PlantExpansion(capex));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(built, result.Policy!.Investments.Single(d => d.Investment == "expand").Build);
        Assert.Equal(0, result.Stockpile(material: "ox"), Tol);
        var oxide = result.MaterialPath("calm", material: "ox");
        AssertSeries([released], oxide.ReleaseLimit);
        Assert.Equal([built], oxide.ReleaseAllowed);
        AssertSeries([released], oxide.Releases);
        AssertSeries([100], result.Path("calm").Imports.Single(v => v.Material == "ox").Tonnes);
        AssertSeries([magnets], result.Producer("calm", "plant").Output);
        AssertSeries([75 - magnets], result.Shortage("calm", material: "mag"));
    }

    /// <summary>
    /// H = 1, one calm scenario (π = 1), π_r = 1. Oxide "ox" (price, acquisition 10, holding 2):
    /// demand 100 t (damage 30), no imports, 50 t held at t = 0; made only by "sep" (100 t) from
    /// 1 t of ore a tonne. Ore "ore" (same prices, no final demand) is mined at home by "mine"
    /// (<paramref name="mine"/> t, no inputs); neither costs anything to run (no price war).
    /// </summary>
    private static StockpileInstance MineToOxide(double mine) => Base("mine-to-oxide", 1) with
    {
        Materials = [Material("ore"), Material("ox")],
        Demands = [Demand("A", "ox", "k", 30, 100)],
        Holdings = [new Holding { Country = "A", Material = "ox", GovernmentTonnes = 50 }],
        Producers =
        [
            new Producer { Id = "mine", Country = "A", Material = "ore", CapacityTonnesPerPeriod = mine },
            new Producer
            {
                Id = "sep", Country = "A", Material = "ox", CapacityTonnesPerPeriod = 100,
                Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 1 }],
            },
        ],
        Scenarios = [Scenario("calm", 1)],
        Policy = Plain(releaseFraction: 1),
    };

    [Theory]
    // Oxide need 100. Guaranteed: sep's 100 t as far as its ore is guaranteed — the mine's
    // output less ore's final demand 0, over sep's draw 1·100: the mine's tonnes.
    //   mine 100: guaranteed 100 → Rl = 0. The held oxide may not be sold in place of sep's
    //   output (it would earn 10 a tonne): released 0, sep 100; holding 2·50 = 100.
    //   mine 70: guaranteed 70 → Rl = 30. Sep makes 70, 30 t are released (no shortage, revenue
    //   300): 100 − 300 = −200.
    // Counting only input-free producers, the limit would be 100 and the 50 t sold for 500.
    [InlineData(100, 0, 100)]
    [InlineData(70, 30, -200)]
    public void A_separation_plant_fed_by_a_domestic_mine_closes_the_gap_so_oxide_stock_is_not_sold_in_its_place(
        double mine, double limit, double objective)
    {
        var result = SolveOptimal(MineToOxide(mine));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        var oxide = result.MaterialPath("calm", material: "ox");
        AssertSeries([limit], oxide.ReleaseLimit);
        AssertSeries([limit], oxide.Releases);
        AssertSeries([100 - limit], result.Producer("calm", "sep").Output);
        AssertSeries([0], result.Shortage("calm", material: "ox"));
    }

    /// <summary>
    /// H = 1, one calm scenario (π = 1), π_r = 0. Material "m" (price, acquisition 10, holding 2).
    /// "A" holds <paramref name="held"/> t (storage the same: it can add none) and has no demand,
    /// imports or output; "B" needs 100 t (damage 100), imports 40 and can store nothing. A
    /// sharing link A–B of <paramref name="capacity"/> t a period; <paramref name="mode"/>.
    /// </summary>
    private static StockpileInstance StockForAShortPartner(CooperationMode mode, double capacity, double held) => Base("stock-for-a-partner", 1) with
    {
        Countries = [Country("A", storage: held), Country("B", storage: 0)],
        Demands = [Demand("B", "m", "k", 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("B", "m", "x", 40)],
        Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = held }],
        Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = capacity }],
        Scenarios = [Scenario("calm", 1)],
        Policy = Plain() with { Mode = mode },
    };

    [Theory]
    // A's own gap is 0 (no need), B's is 100 − 40 = 60. JOINT: Rl[A] = 0 + min(k, 60), Rl[B] =
    // 60 + min(k, 0) = 60 (B has no stock to use it). Holding 2·held is paid whatever the plan;
    // releases earn nothing, so A releases as much as it may and can send, all of it to B:
    //   k 20, held 50: Rl[A] = 20, the link binds: 20 sent, B short 40 → 100 + 100·40 = 4100.
    //   k 80, held 50: Rl[A] = 60, the stock binds: 50 sent, B short 10 → 100 + 1000 = 1100.
    //   k 80, held 70: Rl[A] = 60, B's gap binds: 60 sent, B short 0, 10 t stay → 140.
    // INDEPENDENT, k 20, held 50: no arcs, Rl[A] = 0: nothing released, B short 60 → 6100.
    [InlineData(CooperationMode.Joint, 20, 50, 20, 20, 4100)]
    [InlineData(CooperationMode.Joint, 80, 50, 60, 50, 1100)]
    [InlineData(CooperationMode.Joint, 80, 70, 60, 60, 140)]
    [InlineData(CooperationMode.Independent, 20, 50, 0, 0, 6100)]
    public void A_country_with_no_shortage_of_its_own_releases_stock_for_a_partner_up_to_the_links_capacity(
        CooperationMode mode, double capacity, double held, double limit, double sent, double objective)
    {
        var result = SolveOptimal(StockForAShortPartner(mode, capacity, held));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(0, result.Stockpile("A"), Tol);
        var a = result.MaterialPath("calm", "A");
        AssertSeries([limit], a.ReleaseLimit);
        Assert.Equal([limit > 0], a.ReleaseAllowed);
        AssertSeries([sent], a.Releases);
        AssertSeries([60], result.MaterialPath("calm", "B").ReleaseLimit);
        AssertSeries([held - sent], a.Inventory);
        if (mode == CooperationMode.Joint)
        {
            AssertSeries([sent], result.Transfers("calm", "A", "B"));
        }
        AssertSeries([60 - sent], result.Shortage("calm", country: "B"));
    }

    /// <summary>
    /// H = 3, one scenario "war" (π = 1), π_r = 1. Material "m" (price, acquisition 10, holding
    /// 2): demand 100 t a period (damage 30), imports "x" 60 t, 100 t held at t = 0. Producer "p"
    /// (50 t, ramp 20, unit cost 8, no commitment possible) is closed by a price war in period 1
    /// (10 × 0.7 = 7 &lt; 8) and rebuilds at its ramp.
    /// </summary>
    private static StockpileInstance RampAfterWar() => Base("ramp-after-war", 3) with
    {
        Demands = [Demand("A", "m", "k", 30, 100, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("A", "m", "x", 60)],
        Holdings = [new Holding { Country = "A", Material = "m", GovernmentTonnes = 100 }],
        Producers = [new Producer { Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 50, RampTonnesPerPeriod = 20, UnitCostUsdPerTonne = 8 }],
        Scenarios = [Scenario("war", 1, Price("m", 1, 1, 0.7, "price-war"))],
        Policy = Plain(releaseFraction: 1),
    };

    [Fact]
    public void After_a_price_war_the_capacity_the_ramp_rebuilds_closes_the_gap_so_stock_is_not_sold_in_its_place()
    {
        // Guaranteed = imports 60 + p's capacity no war can have taken away: 0 in the war period
        // 1, then min(50, 20·(t − 1)) = 20, 40 → Rl = 100 − 60 = 40, 100 − 80 = 20, 100 − 100 = 0.
        // p: K1 ≤ bR + bS = 0 in the war, then K ≤ K_{t−1} + 20: 20, 40. Releases fill the gap
        // (each tonne saves damage 30 and earns P): 40, 20, 0, no shortage. Stock 100, 60, 40, 40;
        // holding 2·(100 + 60 + 40) = 400, revenue 7·40 + 10·20 = 480 → −80. Counting no capacity
        // after the war (the limit 40 throughout), 40 and 20 t more would be sold in periods 2
        // and 3 in place of p's output: −520.
        var result = SolveOptimal(RampAfterWar());

        Assert.Equal(-80, result.Solver.Objective, Tol);
        Assert.Equal(0, result.Stockpile(), Tol);
        var path = result.MaterialPath("war");
        AssertSeries([40, 20, 0], path.ReleaseLimit);
        Assert.Equal([true, true, false], path.ReleaseAllowed);
        AssertSeries([40, 20, 0], path.Releases);
        AssertSeries([60, 40, 40], path.Inventory);
        AssertSeries([0, 20, 40], result.Producer("war", "p").Output);
        AssertSeries([0, 0, 0], result.Shortage("war"));
    }
}

namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>The release limit Rl[c,m,t,s] as the checker recomputes it from the data (docs/model.md, "Derived data (v2)").</summary>
public sealed class ReleaseLimitTests
{
    private const double Inf = double.PositiveInfinity;

    // US magnets: demand 2 t a period, no imports. The mine (input-free, 3 t, ramp 1, unit cost
    // 40) guarantees 3 t with no price war so far, none in a war period and, after its last war
    // period t_w, min(3, 1·(t − t_w)) (what the ramp rebuilds); the plant fw (1 t) draws 1 t of oxide a
    // tonne, which sep (5 t) makes from 2 t of ore a tonne; ore is imported, 10 t a period. fw and
    // sep cost nothing to run (never in a price war); no oxide or ore has final demand.
    //   ore: need = sep's draw at base capacity 2·5 = 10; guaranteed = imports 10 → 0;
    //     0 in the halt of period 3 → 10.
    //   ox: need = fw's draw 1·1 = 1; guaranteed = sep's 5 t as far as its ore is guaranteed: the
    //     ore surplus 10 − 0 over sep's draw 10 covers it all → 5 → 0; in the ore halt 0 → 1.
    //   mag: need 2 (×2.5 = 5); guaranteed = mine 3 (no price war in 1..t) + fw 1 (the oxide
    //     surplus 5 covers its draw 1) = 4 → 0 in calm, 5 − 4 = 1 at demand ×2.5. War (magnet
    //     price 25 < 40 in period 2 only): the mine counts 0 in period 2 → 2 − 1 = 1, and the
    //     ramp's min(3, 1·(3 − 2)) = 1 in period 3 → 2 − (1 + 1) = 0. Ore halt: fw's oxide is no
    //     longer guaranteed in period 3, but the mine's 3 t are → 0. War (periods 2 and 3) and
    //     halt: 2 − 1 = 1 in period 2; period 3 is a war period (mine 0) and fw 0 → 2.
    // The emergency rule: +∞ only where the material's own imports are throttled; market: +∞.
    [Theory]
    [InlineData("mag", "calm", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "war", ReleaseRule.Shortage, new[] { 0.0, 1, 0 })]
    [InlineData("mag", "ore-halt", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "war-halt", ReleaseRule.Shortage, new[] { 0.0, 1, 2 })]
    [InlineData("mag", "high", ReleaseRule.Shortage, new[] { 1.0, 1, 1 })]
    [InlineData("ox", "calm", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("ox", "ore-halt", ReleaseRule.Shortage, new[] { 0.0, 0, 1 })]
    [InlineData("ore", "calm", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("ore", "ore-halt", ReleaseRule.Shortage, new[] { 0.0, 0, 10 })]
    [InlineData("ore", "ore-halt", ReleaseRule.Emergency, new[] { 0.0, 0, Inf })]
    [InlineData("mag", "ore-halt", ReleaseRule.Emergency, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "calm", ReleaseRule.Market, new[] { Inf, Inf, Inf })]
    public void Release_limits_follow_the_rule(string material, string scenario, ReleaseRule rule, double[] expected)
    {
        var instance = Chain() with { Policy = new PolicyOptions { ReleaseRule = rule } };

        Assert.Equal(expected, Limits(instance, new Policy(), scenario, material));
        var view = View(instance, new Policy(), scenario);
        Assert.Equal(expected.Select(l => l > 0).ToArray(), Enumerable.Range(1, 3).Select(t => view.ReleaseAllowed("US", material, t)).ToArray());
    }

    [Fact]
    public void An_inputs_surplus_over_its_final_demand_is_shared_among_its_users_by_their_draws()
    {
        // As Chain, plus sep2 (oxide from 1 t of ore a tonne, 10 t), final demand 4 t of ore and
        // 5 t of oxide. ore: need 4 + 2·5 + 1·10 = 24, guaranteed 10 → 14. The ore surplus
        // 10 − 4 = 6 is shared by the draws 10 (sep) and 10 (sep2): 3 t each, 1.5 t and 3 t of
        // oxide → guaranteed 4.5; need 5 + fw's 1 = 6 → 1.5. mag: no oxide surplus (4.5 < 5), fw
        // counts 0, the mine 3 ≥ 2 → 0.
        var chain = Chain();
        var instance = chain with
        {
            Producers = [.. chain.Producers, new Producer { Id = "sep2", Country = "US", Material = "ox", CapacityTonnesPerPeriod = 10, Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 1 }] }],
            Demands = [.. chain.Demands, Demand("ore", 4), Demand("ox", 5)],
        };

        Assert.Equal(new[] { 14.0, 14, 14 }, Limits(instance, new Policy(), "calm", "ore"));
        Assert.Equal(new[] { 1.5, 1.5, 1.5 }, Limits(instance, new Policy(), "calm", "ox"));
        Assert.Equal(new[] { 0.0, 0, 0 }, Limits(instance, new Policy(), "calm", "mag"));
    }

    [Fact]
    public void A_built_investment_raises_the_limit_of_what_its_producer_draws_after_its_lead_time()
    {
        // sep-plus gives sep 1 t more from period 3 (lead 2): raise = max(0, need 10 + 2·1 −
        // guaranteed 10) − Rl 0 = 2 in calm; in the ore halt max(0, 10 + 2 − 0) − 10 = 2 on top of
        // the gap 10. Unbuilt it raises nothing. mine-plus (the input-free mine) draws nothing and
        // raises nothing, built or not: the war limits stay those of Chain, 1 in period 2 and 0
        // once the ramp has rebuilt 1 t in period 3.
        var instance = Chain() with
        {
            Investments =
            [
                new Investment { Id = "sep-plus", Producer = "sep", AddedCapacityTonnesPerPeriod = 1, LeadTimePeriods = 2, CapexUsd = 10 },
                new Investment { Id = "mine-plus", Producer = "mine", AddedCapacityTonnesPerPeriod = 5, LeadTimePeriods = 0, CapexUsd = 10 },
            ],
        };
        var none = new Policy();
        var sepBuilt = new Policy { Investments = [new InvestmentDecision("sep-plus", true, [new CountryAmount("US", 10)])] };
        var mineBuilt = new Policy { Investments = [new InvestmentDecision("mine-plus", true, [new CountryAmount("US", 10)])] };

        Assert.Equal(new[] { 0.0, 0, 0 }, Limits(instance, none, "calm", "ore"));
        Assert.Equal(new[] { 0.0, 0, 2 }, Limits(instance, sepBuilt, "calm", "ore"));
        Assert.Equal(new[] { 0.0, 0, 12 }, Limits(instance, sepBuilt, "ore-halt", "ore"));
        Assert.Equal(new[] { 0.0, 0, 1 }, Limits(instance, sepBuilt, "ore-halt", "ox"));
        Assert.Equal(new[] { 0.0, 1, 0 }, Limits(instance, mineBuilt, "war", "mag"));
        Assert.Equal(new[] { 0.0, 0, 0 }, Limits(instance, mineBuilt, "calm", "ore"));
    }

    [Fact]
    public void After_a_price_war_the_guaranteed_capacity_is_what_the_ramp_has_rebuilt_since()
    {
        // The mine alone (3 t, ramp r, unit cost 40) over 5 periods, closed by a magnet price war
        // (price 25 < 40) in period 1 only: 0 in the war period, then min(3, r·(t − 1)) in periods
        // 2..5. r = 1: 1, 2, 3, 3 (capacity reached in period 4). r = 2: 2, 3 (min(3, 4)), 3, 3.
        // r = 0: nothing comes back. No magnets are imported, so guaranteed is the mine's count.
        foreach (var (ramp, expected) in new[] { (1.0, new[] { 0.0, 1, 2, 3, 3 }), (2.0, new[] { 0.0, 2, 3, 3, 3 }), (0.0, new[] { 0.0, 0, 0, 0, 0 }) })
        {
            var chain = Chain();
            var instance = chain with
            {
                Horizon = new Horizon { Periods = 5, MonthsPerPeriod = 3 },
                Demands = [chain.Demands[0] with { TonnesPerPeriod = [2, 2, 2, 2, 2] }],
                Producers = [chain.Producers[0] with { RampTonnesPerPeriod = ramp }],
                Scenarios =
                [
                    new Scenario
                    {
                        Id = "war1", Probability = 1,
                        Events = [new SupplyEvent { Kind = "price-war", Groups = ["g-mag"], FromPeriod = 1, ToPeriod = 1, PriceMultiplier = 0.5 }],
                    },
                ],
            };
            var view = View(instance, new Policy(), "war1");

            Assert.Equal(expected, Enumerable.Range(1, 5).Select(t => view.Guaranteed("US", "mag", t)).ToArray());
        }
    }

    [Fact]
    public void A_producer_rebuilding_after_a_war_counts_the_less_of_its_rebuilt_capacity_and_what_its_inputs_guarantee()
    {
        // As Chain, with sep (5 t of oxide from 2 t of ore a tonne) given ramp 2 and unit cost 8,
        // closed by an oxide price war in period 1 (10 × 0.5 = 5 < 8): war-safe capacity 0, then
        // min(5, 2·(t − 1)) = 2, 4. Ore imports at availability 0.5 in periods 1..3: the ore
        // surplus 5 − 0 over sep's draw 2·5 = 10 supports 5·5/10 = 2.5 t of oxide. Guaranteed
        // oxide = the less of the two: 0, min(2, 2.5) = 2, min(4, 2.5) = 2.5 (the rebuilt
        // capacity scaled by the input cover, 2·0.5 = 1 and 4·0.5 = 2, would be less). Without
        // the ore cut: 0, 2, 4.
        var chain = Chain();
        var war = new SupplyEvent { Kind = "price-war", Groups = ["g-ox"], FromPeriod = 1, ToPeriod = 1, PriceMultiplier = 0.5 };
        var instance = chain with
        {
            Producers = [chain.Producers[0], chain.Producers[1], chain.Producers[2] with { RampTonnesPerPeriod = 2, UnitCostUsdPerTonne = 8 }],
            Scenarios =
            [
                new Scenario { Id = "war", Probability = 0.5, Events = [war] },
                new Scenario
                {
                    Id = "war-cut", Probability = 0.5,
                    Events = [war, new SupplyEvent { Source = "cn", Materials = ["ore"], FromPeriod = 1, ToPeriod = 3, Availability = 0.5 }],
                },
            ],
        };

        Assert.Equal(new[] { 0.0, 2, 4 }, Guaranteed(View(instance, new Policy(), "war"), "ox"));
        Assert.Equal(new[] { 0.0, 2, 2.5 }, Guaranteed(View(instance, new Policy(), "war-cut"), "ox"));
    }

    // Oxide (one period): the US needs 2 t and imports 5 → own gap 0; CA needs 6 t and imports 2
    // → own gap g = 4. In "high" (demand ×3) the US needs 6 of 5 → 1, CA 18 of 2 → 16. A sharing
    // link US–CA of capacity k gives each country, in JOINT mode, min(k, the other's own gap):
    //   calm, k = 1: US 0 + min(1, 4) = 1, CA 4 + min(1, 0) = 4; k = 10: US 0 + 4 = 4 (the gap
    //   binds), CA 4; k = 0: US 0 (no release allowed).
    //   high, k = 3: US 1 + min(3, 16) = 4; CA 16 + min(3, 1) = 17 — the US's own gap 1, not its
    //   limit 4 (which would give 16 + 3 = 19).
    // INDEPENDENT mode has no arcs: each country keeps its own gap (US 0 / 1, CA 4 / 16).
    // CA is also short of magnets (5 t, no supply), but the link carries only oxide: the US's
    // magnet limit stays 0.
    [Theory]
    [InlineData(CooperationMode.Joint, "calm", 1, 1, 4)]
    [InlineData(CooperationMode.Joint, "calm", 10, 4, 4)]
    [InlineData(CooperationMode.Joint, "calm", 0, 0, 4)]
    [InlineData(CooperationMode.Joint, "high", 3, 4, 17)]
    [InlineData(CooperationMode.Independent, "calm", 10, 0, 4)]
    [InlineData(CooperationMode.Independent, "high", 3, 1, 16)]
    public void In_joint_mode_a_country_may_also_release_what_it_can_send_a_partner_short_of_the_material(
        CooperationMode mode, string scenario, double capacity, double us, double ca)
    {
        var instance = Partners(mode, capacity);
        var view = new ScenarioView(
            new CheckContext(instance, new Policy(), 1e-6), instance.Scenarios.Single(s => s.Id == scenario), new ScenarioPath { Scenario = scenario });

        Assert.Equal(us, view.ReleaseLimit("US", "ox", 1), 9);
        Assert.Equal(ca, view.ReleaseLimit("CA", "ox", 1), 9);
        Assert.Equal(us > 0, view.ReleaseAllowed("US", "ox", 1));
        Assert.Equal(0, view.ReleaseLimit("US", "mag", 1));
        Assert.True(view.ReleaseLimit("CA", "mag", 1) > 0);
    }

    private static ScenarioView View(StockpileInstance instance, Policy policy, string scenario) =>
        new(new CheckContext(instance, policy, 1e-6), instance.Scenarios.Single(s => s.Id == scenario), new ScenarioPath { Scenario = scenario });

    private static double[] Guaranteed(ScenarioView view, string material) =>
        [.. Enumerable.Range(1, 3).Select(t => view.Guaranteed("US", material, t))];

    private static double[] Limits(StockpileInstance instance, Policy policy, string scenario, string material)
    {
        var view = View(instance, policy, scenario);
        return [.. Enumerable.Range(1, 3).Select(t => view.ReleaseLimit("US", material, t))];
    }

    private static Demand Demand(string material, double tonnes) =>
        new() { Country = "US", Material = material, Sector = "civ", TonnesPerPeriod = [tonnes, tonnes, tonnes], DamageUsdPerTonne = 100 };

    private static StockpileInstance Partners(CooperationMode mode, double capacity) => new()
    {
        FormatVersion = 2,
        Horizon = new Horizon { Periods = 1, MonthsPerPeriod = 3 },
        Countries = [new Country { Id = "US", BudgetUsd = 100, StorageTonnes = 10 }, new Country { Id = "CA", BudgetUsd = 100, StorageTonnes = 10 }],
        Materials = [new Material { Id = "ox", Group = "g-ox", PriceUsdPerTonne = 10 }, new Material { Id = "mag", Group = "g-mag", PriceUsdPerTonne = 50 }],
        Sectors = [new Sector { Id = "civ" }],
        Demands =
        [
            new Demand { Country = "US", Material = "ox", Sector = "civ", TonnesPerPeriod = [2], DamageUsdPerTonne = 100 },
            new Demand { Country = "CA", Material = "ox", Sector = "civ", TonnesPerPeriod = [6], DamageUsdPerTonne = 100 },
            new Demand { Country = "CA", Material = "mag", Sector = "civ", TonnesPerPeriod = [5], DamageUsdPerTonne = 100 },
        ],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports =
        [
            new ImportLink { Country = "US", Material = "ox", Source = "cn", TonnesPerPeriod = 5 },
            new ImportLink { Country = "CA", Material = "ox", Source = "cn", TonnesPerPeriod = 2 },
        ],
        Sharing = [new SharingLink { CountryA = "US", CountryB = "CA", Material = "ox", TonnesPerPeriod = capacity }],
        Tiers = [new TaxCreditTier { Id = "t0" }],
        Scenarios = [new Scenario { Id = "calm", Probability = 0.5 }, new Scenario { Id = "high", Probability = 0.5, DemandScale = 3 }],
        Policy = new PolicyOptions { Mode = mode, ReleaseRule = ReleaseRule.Shortage },
    };

    private static StockpileInstance Chain() => new()
    {
        FormatVersion = 2,
        Horizon = new Horizon { Periods = 3, MonthsPerPeriod = 3 },
        Countries = [new Country { Id = "US", BudgetUsd = 100, StorageTonnes = 10 }],
        Materials =
        [
            new Material { Id = "ore", Group = "g-ore", PriceUsdPerTonne = 5 },
            new Material { Id = "ox", Group = "g-ox", PriceUsdPerTonne = 10 },
            new Material { Id = "mag", Group = "g-mag", PriceUsdPerTonne = 50 },
        ],
        Sectors = [new Sector { Id = "civ" }],
        Demands = [new Demand { Country = "US", Material = "mag", Sector = "civ", TonnesPerPeriod = [2, 2, 2], DamageUsdPerTonne = 100 }],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [new ImportLink { Country = "US", Material = "ore", Source = "cn", TonnesPerPeriod = 10 }],
        Producers =
        [
            new Producer { Id = "mine", Country = "US", Material = "mag", CapacityTonnesPerPeriod = 3, RampTonnesPerPeriod = 1, UnitCostUsdPerTonne = 40 },
            new Producer { Id = "fw", Country = "US", Material = "mag", CapacityTonnesPerPeriod = 1, Inputs = [new RecipeInput { Material = "ox", TonnesPerTonne = 1 }] },
            new Producer { Id = "sep", Country = "US", Material = "ox", CapacityTonnesPerPeriod = 5, Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 2 }] },
        ],
        Tiers = [new TaxCreditTier { Id = "t0" }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.2 },
            new Scenario
            {
                Id = "war", Probability = 0.2,
                Events = [new SupplyEvent { Kind = "price-war", Groups = ["g-mag"], FromPeriod = 2, ToPeriod = 2, PriceMultiplier = 0.5 }],
            },
            new Scenario
            {
                Id = "ore-halt", Probability = 0.2,
                Events = [new SupplyEvent { Source = "cn", Materials = ["ore"], FromPeriod = 3, ToPeriod = 3, Availability = 0 }],
            },
            new Scenario { Id = "high", Probability = 0.2, DemandScale = 2.5 },
            new Scenario
            {
                Id = "war-halt", Probability = 0.2,
                Events =
                [
                    new SupplyEvent { Kind = "price-war", Groups = ["g-mag"], FromPeriod = 2, ToPeriod = 3, PriceMultiplier = 0.5 },
                    new SupplyEvent { Source = "cn", Materials = ["ore"], FromPeriod = 3, ToPeriod = 3, Availability = 0 },
                ],
            },
        ],
    };
}

namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>The release limit Rl[c,m,t,s] as the checker recomputes it from the data (docs/model.md, "Derived data (v2)").</summary>
public sealed class ReleaseLimitTests
{
    private const double Inf = double.PositiveInfinity;

    // US magnets: demand 2 t a period, no imports. The mine (input-free, 3 t, unit cost 40)
    // guarantees them unless a price war has hit it; the plant fw (1 t) draws 1 t of oxide a
    // tonne, which sep (5 t) makes from 2 t of ore a tonne; ore is imported, 10 t a period.
    //   mag: need 2 (no recipe draws magnets); guaranteed 3 while the mine has seen no price war.
    //     calm 0; war (magnet price 25 < 40 in period 2 only) 2 from period 2 on; demand ×2: 4 − 3 = 1.
    //   ox: need = fw's draw 1·1; guaranteed 0 (sep has inputs): 1 in every period.
    //   ore: need = sep's draw 2·5 = 10; guaranteed imports 10, 0 in the halt of period 3 → 10.
    // The emergency rule: +∞ only where the material's own imports are throttled; market: +∞.
    [Theory]
    [InlineData("mag", "calm", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "war", ReleaseRule.Shortage, new[] { 0.0, 2, 2 })]
    [InlineData("mag", "ore-halt", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "double", ReleaseRule.Shortage, new[] { 1.0, 1, 1 })]
    [InlineData("ox", "calm", ReleaseRule.Shortage, new[] { 1.0, 1, 1 })]
    [InlineData("ore", "calm", ReleaseRule.Shortage, new[] { 0.0, 0, 0 })]
    [InlineData("ore", "ore-halt", ReleaseRule.Shortage, new[] { 0.0, 0, 10 })]
    [InlineData("ore", "ore-halt", ReleaseRule.Emergency, new[] { 0.0, 0, Inf })]
    [InlineData("mag", "ore-halt", ReleaseRule.Emergency, new[] { 0.0, 0, 0 })]
    [InlineData("mag", "calm", ReleaseRule.Market, new[] { Inf, Inf, Inf })]
    public void Release_limits_follow_the_rule(string material, string scenario, ReleaseRule rule, double[] expected)
    {
        var instance = Chain() with { Policy = new PolicyOptions { ReleaseRule = rule } };
        var ctx = new CheckContext(instance, new Policy(), 1e-6);
        var view = new ScenarioView(ctx, instance.Scenarios.Single(s => s.Id == scenario), new ScenarioPath { Scenario = scenario });

        Assert.Equal(expected, Enumerable.Range(1, 3).Select(t => view.ReleaseLimit("US", material, t)).ToArray());
        Assert.Equal(expected.Select(l => l > 0).ToArray(), Enumerable.Range(1, 3).Select(t => view.ReleaseAllowed("US", material, t)).ToArray());
    }

    [Fact]
    public void A_built_or_unbuilt_investment_adds_its_capacity_to_the_draw_after_its_lead_time()
    {
        // sep gains 1 t from period 3 (lead 2): ore need 2·6 = 12 > imports 10 → a gap of 2 even in calm.
        var instance = Chain() with
        {
            Investments = [new Investment { Id = "sep-plus", Producer = "sep", AddedCapacityTonnesPerPeriod = 1, LeadTimePeriods = 2, CapexUsd = 10 }],
        };
        var ctx = new CheckContext(instance, new Policy(), 1e-6);
        var view = new ScenarioView(ctx, instance.Scenarios[0], new ScenarioPath { Scenario = "calm" });

        Assert.Equal(new[] { 0.0, 0, 2 }, Enumerable.Range(1, 3).Select(t => view.ReleaseLimit("US", "ore", t)).ToArray());
    }

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
            new Producer { Id = "mine", Country = "US", Material = "mag", CapacityTonnesPerPeriod = 3, UnitCostUsdPerTonne = 40 },
            new Producer { Id = "fw", Country = "US", Material = "mag", CapacityTonnesPerPeriod = 1, Inputs = [new RecipeInput { Material = "ox", TonnesPerTonne = 1 }] },
            new Producer { Id = "sep", Country = "US", Material = "ox", CapacityTonnesPerPeriod = 5, Inputs = [new RecipeInput { Material = "ore", TonnesPerTonne = 2 }] },
        ],
        Tiers = [new TaxCreditTier { Id = "t0" }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.25 },
            new Scenario
            {
                Id = "war", Probability = 0.25,
                Events = [new SupplyEvent { Kind = "price-war", Groups = ["g-mag"], FromPeriod = 2, ToPeriod = 2, PriceMultiplier = 0.5 }],
            },
            new Scenario
            {
                Id = "ore-halt", Probability = 0.25,
                Events = [new SupplyEvent { Source = "cn", Materials = ["ore"], FromPeriod = 3, ToPeriod = 3, Availability = 0 }],
            },
            new Scenario { Id = "double", Probability = 0.25, DemandScale = 2 },
        ],
    };
}

namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>R[c,m,t,s] as the checker recomputes it from the data (docs/model.md, "Derived data (v2)").</summary>
public sealed class ReleaseRuleTests
{
    // US magnets: demand 2 t a period, no imports. The mine (input-free, 3 t, unit cost 40)
    // guarantees them unless a price war has hit it; the plant fw draws oxide, which sep makes
    // from ore, so ore and oxide are upstream of magnets.
    //   calm: 2 ≤ 3, nothing upstream → never.
    //   war (magnet price 25 < 40 in period 2 only): the mine is not guaranteed from period 2 on.
    //   ore halt in period 3: upstream emergency (ore → ox → mag) in period 3.
    //   demand ×2: 4 > 3 in every period.
    [Theory]
    [InlineData("calm", ReleaseRule.Shortage, new[] { false, false, false })]
    [InlineData("war", ReleaseRule.Shortage, new[] { false, true, true })]
    [InlineData("ore-halt", ReleaseRule.Shortage, new[] { false, false, true })]
    [InlineData("double", ReleaseRule.Shortage, new[] { true, true, true })]
    [InlineData("ore-halt", ReleaseRule.Emergency, new[] { false, false, false })]
    [InlineData("calm", ReleaseRule.Market, new[] { true, true, true })]
    public void Magnet_releases_are_allowed_where_the_rule_says(string scenario, ReleaseRule rule, bool[] expected)
    {
        var instance = Chain() with { Policy = new PolicyOptions { ReleaseRule = rule } };
        var ctx = new CheckContext(instance, new Policy(), 1e-6);
        var view = new ScenarioView(ctx, instance.Scenarios.Single(s => s.Id == scenario), new ScenarioPath { Scenario = scenario });

        Assert.Equal(expected, Enumerable.Range(1, 3).Select(t => view.ReleaseAllowed("US", "mag", t)).ToArray());
        Assert.Equal(new[] { "ore", "ox" }, view.Upstream("US", "mag").Order());
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

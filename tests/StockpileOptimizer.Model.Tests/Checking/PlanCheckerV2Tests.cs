namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>The checker's model v2 rows and costs, on the hand-built plan of <see cref="TinyCaseV2"/> — no solver involved.</summary>
public sealed class PlanCheckerV2Tests
{
    [Fact]
    public void Hand_built_v2_plan_is_feasible_and_costs_what_the_hand_derivation_says()
    {
        var report = PlanChecker.Check(TinyCaseV2.Instance(), TinyCaseV2.Result());

        Assert.Empty(report.Violations);
        Assert.Equal(TinyCaseV2.CalmCost, report.ScenarioCosts[0], 9);
        Assert.Equal(TinyCaseV2.HaltCost, report.ScenarioCosts[1], 9);
        Assert.Equal(TinyCaseV2.ExpectedCost, report.ExpectedCost, 9);
        Assert.Equal(TinyCaseV2.TieBreaking, report.TieBreaking, 12);
        Assert.Equal(TinyCaseV2.Objective, report.Objective, 9);
    }

    [Fact]
    public void Fiscal_view_drops_the_users_premium_and_the_duty()
    {
        // halt: L_US = 66 − 76.5 = −10.5 (F free: revenue and terminal value), L_CA = damage 60 → 49.5.
        var instance = TinyCaseV2.Instance();
        instance = instance with { Policy = instance.Policy with { CostView = CostView.Fiscal } };

        var report = PlanChecker.Check(instance, TinyCaseV2.Result());

        Assert.Equal([5, 49.5], report.ScenarioCosts);
        Assert.Contains("loss[halt]: reported 177 ≠ recomputed 49.5", report.Violations);
    }

    [Fact]
    public void A_transfer_over_a_dutiable_sharing_link_pays_the_trade_links_duty()
    {
        // halt t1: CA sends 0.5 t to the US instead of the US releasing it: US r = [0, 2], I = [6, 4],
        // CA u = [2, 0.5]. L_US = F (66 + 12 + 4 + 22 − 0.75·20·2 = 74) − 0.9·(40 + 50) = −81
        //   + premium 10·4 + (10·2 + 5·2) = 70 + trade duty 20 = 83 (exempt); + 1·20·0.5 = 10 → 93.
        // L_CA = damage 30·2.5 = 75 + premium 10·(3 − 2) + 10·(3 − 0.5) = 35 → 110. L = 193 or 203.
        var result = TinyCaseV2.Result().WithPath("halt", p => p.WithMaterial("US", "ox", m => m with { Inventory = [6, 4], Releases = [0, 2] }) with
        {
            Transfers = [new TransferPath("CA", "US", "ox", [0.5, 0])],
            Shortages = [new ShortagePath("CA", "ox", "civ", [2, 0.5])],
        });
        StockpileInstance Linked(bool exempt) => TinyCaseV2.Instance() with
        {
            Sharing = [new SharingLink { CountryA = "US", CountryB = "CA", Material = "ox", TonnesPerPeriod = 1, TariffExempt = exempt }],
        };

        var exempt = PlanChecker.Check(Linked(true), result);
        var dutiable = PlanChecker.Check(Linked(false), result);

        Assert.Equal(193, exempt.ScenarioCosts[1], 9);
        Assert.Equal(203, dutiable.ScenarioCosts[1], 9);
        Assert.Contains("tariff-revenue[US]: reported 10 ≠ recomputed 15", dutiable.Violations);
        Assert.DoesNotContain(dutiable.Violations, v => v.StartsWith("balance", StringComparison.Ordinal) || v.StartsWith("sharing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("release where the rule allows none", "release-rule[US,ox,2026Q1,calm]")]
    [InlineData("private release where the rule allows none", "private-release-rule[CA,ox,2026Q1,calm]")]
    [InlineData("release allowed misreported", "release-allowed[US,ox,2026Q2,halt]")]
    [InlineData("release rule market", "release-allowed[US,ox,2026Q1,calm]")]
    [InlineData("emergency rule ignores the recipe and demand", "release-allowed[US,mag,2026Q1,calm]")]
    [InlineData("release beyond the shortage gap", "release-limit[US,ox,2026Q1,halt]")]
    [InlineData("release limit misreported", "reported-release-limit[US,ox,2026Q2,halt]")]
    [InlineData("market limit misreported", "reported-release-limit[US,mag,2026Q1,calm]")]
    [InlineData("recipe input not drawn", "balance[US,ox,2026Q1,calm]")]
    [InlineData("trade missing from the balance", "balance[CA,ox,2026Q1,halt]")]
    [InlineData("top-up dropped", "fiscal[US,calm]")]
    [InlineData("bought under a top-up contract", "top-up[fw,2026Q1,calm]")]
    [InlineData("price war beyond the commitment", "survival[fw,2026Q1,calm]")]
    [InlineData("trade above the link", "trade[CA→US,ox,2026Q1,halt]")]
    [InlineData("trade on no link", "path[trade US→CA,ox,calm]")]
    [InlineData("last tariff event ignored", "tariff[CA→US,ox,2026Q2,halt]")]
    [InlineData("holdings overfill storage", "storage[US]")]
    [InlineData("coverage in days missed", "coverage[US,ox]")]
    [InlineData("private release beyond private holdings", "private-stock[US,ox,halt]")]
    [InlineData("inventory above holdings plus stock", "inventory-cap[US,ox,2026Q1,calm]")]
    [InlineData("opening stock without holdings", "inventory[US,ox,2026Q1,calm]")]
    [InlineData("existing stock misreported", "existing[US,ox]")]
    [InlineData("terminal value left out", "loss[calm]")]
    [InlineData("release revenue left out", "fiscal[US,halt]")]
    [InlineData("duty left out of the revenue", "tariff-revenue[US]")]
    [InlineData("tie-breaking left out", "objective")]
    public void Perturbation_is_reported_on_its_row(string perturbation, string row)
    {
        var (instance, result) = Perturb(perturbation);

        var violations = PlanChecker.Check(instance, result).Violations;

        Assert.Contains(violations, v => v.StartsWith(row + ":", StringComparison.Ordinal));
    }

    private static (StockpileInstance Instance, SolveResult Result) Perturb(string perturbation)
    {
        var instance = TinyCaseV2.Instance();
        var result = TinyCaseV2.Result();
        var fw = instance.Producers[0];
        var policy = instance.Policy;
        return perturbation switch
        {
            // One tonne of oxide released in calm, imports cut to match: balanced, but not allowed.
            "release where the rule allows none" => (instance, result.WithPath("calm", p => p.WithMaterial("US", "ox", m => m with { Inventory = [5, 5], Releases = [1, 0] })
                with { Imports = [new("US", "ox", "cn", [6, 7]), new("CA", "ox", "cn", [3, 3])] })),
            "private release where the rule allows none" => (instance, result.WithPath("calm", p => p.WithMaterial("CA", "ox", m => m with { PrivateReleases = [0.5, 0] })
                with { Imports = [new("US", "ox", "cn", [7, 7]), new("CA", "ox", "cn", [2.5, 3])] })),
            "release allowed misreported" => (instance, result.WithPath("halt", p => p.WithMaterial("US", "ox", m => m with { ReleaseAllowed = [true, false] }))),
            // Under the market rule every period allows releases; the result says calm does not.
            "release rule market" => (instance with { Policy = policy with { ReleaseRule = ReleaseRule.Market } }, result),
            // Under the emergency rule magnets (no event of their own) may not be released.
            "emergency rule ignores the recipe and demand" => (instance with { Policy = policy with { ReleaseRule = ReleaseRule.Emergency } }, result),
            // r + ρ = 3.5 + 0.5 > the gap 3.5.
            "release beyond the shortage gap" => (instance, result.WithPath("halt", p => p.WithMaterial("US", "ox", m => m with { Releases = [3.5, 2] }))),
            "release limit misreported" => (instance, result.WithPath("halt", p => p.WithMaterial("US", "ox", m => m with { ReleaseLimit = [3.5, 3] }))),
            // Under the market rule the limit is +∞; the result says 2.
            "market limit misreported" => (instance with { Policy = policy with { ReleaseRule = ReleaseRule.Market } }, result),
            "recipe input not drawn" => (instance, result.WithPath("calm", p => p with { Imports = [new("US", "ox", "cn", [4, 4]), new("CA", "ox", "cn", [3, 3])] })),
            "trade missing from the balance" => (instance, result.WithPath("halt", p => p with { Shortages = [new("CA", "ox", "civ", [0.5, 0.5])] })),
            "top-up dropped" => (instance, result.WithPath("calm", p => p with { FiscalCost = [new("US", 84), new("CA", 0)] })),
            "bought under a top-up contract" => (instance, result.WithPath("calm", p => p with { Producers = [new("fw", [3, 3], [2, 2], [1, 0], [0, 0])] })),
            "price war beyond the commitment" => (instance with { Producers = [fw with { UnitCostUsdPerTonne = 52 }] }, result),
            "trade above the link" => (instance, result.WithPath("halt", p => p with { Trade = [new("CA", "US", "ox", [3, 0], [1, 0])] })),
            "trade on no link" => (instance, result.WithPath("calm", p => p with { Trade = [.. p.Trade, new("US", "CA", "ox", [0, 0], [0, 0])] })),
            "last tariff event ignored" => (instance, result.WithPath("halt", p => p with { Trade = [new("CA", "US", "ox", [1, 0], [1, 1])] })),
            "holdings overfill storage" => (instance with { Countries = [instance.Countries[0] with { StorageTonnes = 6.5 }, instance.Countries[1]] }, result),
            "coverage in days missed" => (instance with { Policy = policy with { CoverageFloors = [new() { Country = "US", Material = "ox", Days = 150, Basis = CoverageBasis.All }] } }, result),
            "private release beyond private holdings" => (instance with { Holdings = [instance.Holdings[0] with { PrivateTonnes = 0.25 }] }, result),
            "inventory above holdings plus stock" => (instance, result.WithPath("calm", p => p.WithMaterial("US", "ox", m => m with { Inventory = [6.5, 6.5], Purchases = [0.5, 0] })
                with { Imports = [new("US", "ox", "cn", [7.5, 7]), new("CA", "ox", "cn", [3, 3])] })),
            "opening stock without holdings" => (instance with { Holdings = [] }, result),
            "existing stock misreported" => (instance, result.WithPolicy(p => p with { Stockpiles = [new("US", "ox", 1, 4.5), p.Stockpiles[1]] })),
            "terminal value left out" => (instance, result.WithPath("calm", p => p with { CostUsd = 104 })),
            "release revenue left out" => (instance, result.WithPath("halt", p => p with { FiscalCost = [new("US", 103.5), new("CA", 0)] })),
            "duty left out of the revenue" => (instance, result with { Kpis = result.Kpis! with { ExpectedTariffRevenue = [] } }),
            "tie-breaking left out" => (instance, result with { Solver = result.Solver with { Objective = TinyCaseV2.ExpectedCost } }),
            _ => throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "no such perturbation"),
        };
    }
}

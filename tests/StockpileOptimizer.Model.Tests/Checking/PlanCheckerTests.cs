namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>The checker itself, on the hand-built plan of <see cref="TinyCase"/> — no solver involved.</summary>
public sealed class PlanCheckerTests
{
    [Fact]
    public void Hand_built_plan_is_feasible_and_costs_what_the_hand_derivation_says()
    {
        var report = PlanChecker.Check(TinyCase.Instance(), TinyCase.Result());

        Assert.Empty(report.Violations);
        Assert.Equal([TinyCase.CalmCost, TinyCase.HaltCost], report.ScenarioCosts);
        Assert.Equal(TinyCase.ExpectedCost, report.ExpectedCost, 9);
        Assert.Equal(TinyCase.Cvar, report.CvarCost, 9);
        Assert.Equal(TinyCase.Objective, report.Objective, 9);
    }

    [Fact]
    public void Missing_entries_are_zero()
    {
        // The halt scenario's all-zero import path says nothing the absence of it does not.
        var result = TinyCase.Result().WithPath("halt", p => p with { Imports = [] });

        Assert.Empty(PlanChecker.Check(TinyCase.Instance(), result).Violations);
    }

    [Theory]
    // Losses 194 (π .75) and 431 (π .25). α = .5: half of the worst half is halt → (194 + 431)/2.
    [InlineData(0.5, 312.5)]
    // α = .9: the worst 10 % lies inside halt.
    [InlineData(0.9, 431)]
    // α = .25: the worst 75 % is all of halt and two thirds of calm → (0.5·194 + 0.25·431)/0.75.
    [InlineData(0.25, 273)]
    public void Cvar_is_the_exact_discrete_tail_mean(double alpha, double expected)
    {
        Assert.Equal(expected, PlanChecker.Cvar([194, 431], [0.75, 0.25], alpha), 9);
    }

    [Fact]
    public void Budget_overrun_is_the_only_violation_and_names_the_scenario()
    {
        // Halt costs 231 > 200; calm's 194 fits.
        var instance = TinyCase.Instance() with { Countries = [new Country { Id = "US", BudgetUsd = 200, StorageTonnes = 50 }] };

        var report = PlanChecker.Check(instance, TinyCase.Result());

        Assert.Equal(["budget[US,halt]: lhs 231 > rhs 200"], report.Violations);
    }

    [Theory]
    [InlineData("inventory off by one", "inventory[US,ndpr,2026Q1,halt]")]
    [InlineData("inventory above stockpile", "inventory-cap[US,ndpr,2026Q1,calm]")]
    [InlineData("negative release", "r[US,ndpr,2026Q1,calm]")]
    [InlineData("refill", "refill[US,ndpr,halt]")]
    [InlineData("shortage above demand", "shortage[US,ndpr,def,2026Q1,halt]")]
    [InlineData("unbalanced market", "balance[US,ndpr,2026Q2,calm]")]
    [InlineData("imports above availability", "imports[US,ndpr,cn,2026Q1,halt]")]
    [InlineData("too much private stock", "private-stock[US,ndpr,halt]")]
    [InlineData("no tier", "tier[US,ndpr]")]
    [InlineData("output above capacity", "output[mp,2026Q2,calm]")]
    [InlineData("ramp too steep", "ramp[mp,2026Q1,calm]")]
    [InlineData("capacity before the lead time", "build[mp,2026Q2,calm]")]
    [InlineData("bought beyond commitment", "bolr-cap[mp,2026Q1,halt]")]
    [InlineData("bought beyond output", "bolr-output[mp,2026Q1,halt]")]
    [InlineData("price war without backing", "survival[mp,2026Q1,calm]")]
    [InlineData("commitment above maximum", "commitment[mp]")]
    [InlineData("investment underpaid", "cost-share[mp-expansion]")]
    [InlineData("storage too small", "storage[US]")]
    [InlineData("coverage floor missed", "coverage[US,ndpr]")]
    [InlineData("fiscal cost misreported", "fiscal[US,calm]")]
    [InlineData("loss misreported", "loss[halt]")]
    [InlineData("objective misreported", "objective")]
    public void Perturbation_is_reported_on_its_row(string perturbation, string row)
    {
        var (instance, result) = Perturb(perturbation);

        var violations = PlanChecker.Check(instance, result).Violations;

        Assert.Contains(violations, v => v.StartsWith(row + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Transfers_are_allowed_within_the_link_in_joint_mode_only()
    {
        // One tonne each way in calm's first period: balances cancel, 1 ≤ 2 on the link.
        var result = TinyCase.Result().WithPath("calm", p => p with
        {
            Transfers = [new TransferPath("US", "CA", "ndpr", [1, 0]), new TransferPath("CA", "US", "ndpr", [1, 0])],
        });

        var joint = PlanChecker.Check(TinyCase.Instance(CooperationMode.Joint).WithCanada(), result);
        var independent = PlanChecker.Check(TinyCase.Instance(CooperationMode.Independent).WithCanada(), result);

        Assert.Empty(joint.Violations);
        Assert.Equal(
            [
                "sharing[US→CA,ndpr,2026Q1,calm]: transfer of 1 t in INDEPENDENT mode",
                "sharing[CA→US,ndpr,2026Q1,calm]: transfer of 1 t in INDEPENDENT mode",
            ],
            independent.Violations);
    }

    [Fact]
    public void Transfer_above_the_link_capacity_is_reported()
    {
        var result = TinyCase.Result().WithPath("calm", p => p with
        {
            Transfers = [new TransferPath("US", "CA", "ndpr", [3, 0]), new TransferPath("CA", "US", "ndpr", [3, 0])],
        });

        var report = PlanChecker.Check(TinyCase.Instance().WithCanada(), result);

        Assert.Equal(["sharing[US→CA,ndpr,2026Q1,calm]: lhs 3 > rhs 2", "sharing[CA→US,ndpr,2026Q1,calm]: lhs 3 > rhs 2"], report.Violations);
    }

    [Fact]
    public void Independent_objective_sums_each_countrys_risk_adjusted_cost()
    {
        // CA spends nothing, so Σ_c (E[L_c] + λ·CVaR(L_c)) is the US's alone: the joint value.
        var report = PlanChecker.Check(TinyCase.Instance(CooperationMode.Independent).WithCanada(), TinyCase.Result());

        Assert.Empty(report.Violations);
        Assert.Equal(TinyCase.Objective, report.Objective, 9);
    }

    [Fact]
    public void Partners_share_in_joint_mode_within_their_bounds_but_not_in_independent_mode()
    {
        // US 30 (share ≥ 0.5), CA 20 (share ≤ 0.6): the US outlay falls by 20 in each scenario, CA's is 20.
        var instance = TinyCase.Instance().WithCanada() with
        {
            Investments =
            [
                TinyCase.Instance().Investments[0] with
                {
                    Partners = [new CostShare { Country = "US", MinShare = 0.5 }, new CostShare { Country = "CA", MaxShare = 0.6 }],
                },
            ],
        };
        var result = TinyCase.Result()
            .WithPolicy(p => p with { Investments = [new InvestmentDecision("mp-expansion", true, [new("US", 30), new("CA", 20)])] })
            .WithPath("calm", p => p with { FiscalCost = [new("US", 174), new("CA", 20)] })
            .WithPath("halt", p => p with { FiscalCost = [new("US", 211), new("CA", 20)] });

        Assert.Empty(PlanChecker.Check(instance, result).Violations);

        var tooLittleFromUs = result.WithPolicy(p => p with { Investments = [new InvestmentDecision("mp-expansion", true, [new("US", 20), new("CA", 30)])] });
        Assert.Contains("share-min[US,mp-expansion]: lhs 20 < rhs 25", PlanChecker.Check(instance, tooLittleFromUs).Violations);

        var independent = PlanChecker.Check(instance with { Policy = instance.Policy with { Mode = CooperationMode.Independent } }, result);
        Assert.Contains("cost-share[mp-expansion]: CA pays 20, but only the host pays (INDEPENDENT mode)", independent.Violations);
    }

    private static (StockpileInstance Instance, SolveResult Result) Perturb(string perturbation)
    {
        var instance = TinyCase.Instance();
        var result = TinyCase.Result();
        var us = instance.Countries[0];
        var mp = instance.Producers[0];
        return perturbation switch
        {
            "inventory off by one" => (instance, result.WithPath("halt", p => p.WithMaterial(m => m with { Inventory = [9, 6] }))),
            "inventory above stockpile" => (instance, result.WithPath("calm", p => p.WithMaterial(m => m with { Inventory = [11, 11], Purchases = [1, 0] }))),
            "negative release" => (instance, result.WithPath("calm", p => p.WithMaterial(m => m with { Inventory = [11, 11], Releases = [-1, 0] }))),
            "refill" => (instance with { Policy = instance.Policy with { RefillFraction = 0.7 } }, result),
            "shortage above demand" => (instance, result.WithPath("halt", p => p with { Shortages = [new("US", "ndpr", "def", [12, 0])] })),
            "unbalanced market" => (instance, result.WithPath("calm", p => p with { Imports = [new("US", "ndpr", "cn", [6, 4])] })),
            "imports above availability" => (instance, result.WithPath("halt", p => p with { Imports = [new("US", "ndpr", "cn", [1, 0])] })),
            "too much private stock" => (instance, result.WithPath("halt", p => p.WithMaterial(m => m with { PrivateReleases = [2, 3] }))),
            "no tier" => (instance, result.WithPolicy(p => p with { Tiers = [] })),
            "output above capacity" => (instance, result.WithPath("calm", p => p with { Producers = [new("mp", [4, 5], [4, 6], [0, 0], [0, 0])] })),
            "ramp too steep" => (instance, result.WithPath("calm", p => p with { Producers = [new("mp", [5.5, 5], [4, 5], [0, 0], [0, 0])] })),
            "capacity before the lead time" => (instance with { Investments = [instance.Investments[0] with { LeadTimePeriods = 2 }] }, result),
            "bought beyond commitment" => (instance, result.WithPolicy(p => p with { Commitments = [new("US", "mp", 0.5)] })),
            "bought beyond output" => (instance, result.WithPath("halt", p => p with { Producers = [new("mp", [4, 5], [0.5, 5], [0, 2], [1, 0])] })),
            "price war without backing" => (instance with { Producers = [mp with { UnitCostUsdPerTonne = 12 }] }, result),
            "commitment above maximum" => (instance with { Producers = [mp with { MaxCommitmentTonnesPerPeriod = 2.5 }] }, result),
            "investment underpaid" => (instance, result.WithPolicy(p => p with { Investments = [new("mp-expansion", true, [new("US", 40)])] })),
            "storage too small" => (instance with { Countries = [us with { StorageTonnes = 5 }] }, result),
            "coverage floor missed" => (instance with { Policy = instance.Policy with { CoverageFloors = [new() { Country = "US", Material = "ndpr", Months = 6 }] } }, result),
            "fiscal cost misreported" => (instance, result.WithPath("calm", p => p with { FiscalCost = [new("US", 190)] })),
            "loss misreported" => (instance, result.WithPath("halt", p => p with { CostUsd = 430 })),
            "objective misreported" => (instance, result with { Solver = result.Solver with { Objective = 565 } }),
            _ => throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "no such perturbation"),
        };
    }
}

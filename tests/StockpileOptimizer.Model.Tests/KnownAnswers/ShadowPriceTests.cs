using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

public sealed class ShadowPriceTests
{
    [Fact]
    public void A_binding_budget_is_worth_what_the_stock_it_buys_saves()
    {
        // Newsvendor with damage 30 wants 60 t at 12 per tonne = 720, but the budget is 480:
        // x = 480/12 = 40. Objective = 12·40 + 0.5·30·(60 − 40) = 780. One more dollar buys
        // 1/12 t, which saves 0.5·30/12 = 1.25 in damage but costs 1: the budget is worth
        // 0.25 USD per USD, split over the two scenarios' rows (the same outlay binds in both).
        var result = Checked.Solve(HandInstances.Newsvendor(damage: 30, budget: 480));

        Assert.Equal(40, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(780, result.Solver.Objective, 6);
        Assert.Equal(0.25, result.ShadowPrices!.Budgets.Sum(b => b.UsdPerUsd), 6);
    }

    [Fact]
    public void Binding_storage_is_worth_the_net_saving_of_one_more_tonne()
    {
        // Storage 40 t below the optimum 60 t: one more tonne saves 0.5·30 = 15 of damage and
        // costs 12, so the storage row is worth 3 USD per tonne.
        var result = Checked.Solve(HandInstances.Newsvendor(damage: 30, storage: 40));

        Assert.Equal(40, result.Policy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(3, result.ShadowPrices!.Storage.Single().UsdPerTonne, 6);
    }

    [Theory]
    [InlineData(380, 1e6, 0.25, 0)]
    [InlineData(1e6, 30, 0, 3)]
    public void With_a_tier_fixed_at_the_mip_optimum_the_binding_row_is_worth_the_net_saving_of_one_more_tonne(
        double budget, double storage, double budgetUsdPerUsd, double storageUsdPerTonne)
    {
        // The newsvendor (damage 30; a stocked tonne costs 10 + 2 = 12; the halt, π = 0.5,
        // leaves 60 t short) with a tax-credit tier "half" (rate 0.5) that induces 20 t of
        // private stock, released in the halt. The tier is a binary, so the solve is a MIP
        // and the shadow prices come from the LP with the tier fixed. The tier costs
        // H·rate·holding·20 = 1·0.5·2·20 = 20 and saves 0.5·30·20 = 300 of damage: chosen.
        // Either cap allows x = 30 t: budget 380 → 12x + 20 ≤ 380; storage 30 → x ≤ 30.
        // Halt shortage 60 − 20 − 30 = 10 t; objective 12·30 + 20 + 0.5·30·10 = 530.
        // (Without the tier, budget 380 buys 31.67 t: 380 + 0.5·30·28.33 = 805, and storage
        // 30 leaves 30 t short: 360 + 450 = 810 — worse in both cases.)
        // With the tier fixed the LP is the newsvendor again: one more USD of budget buys
        // 1/12 t that saves 15/12 = 1.25 and costs 1, worth 0.25 per USD (summed over the two
        // scenarios' budget rows, which bind together); one more tonne of storage saves 15 and
        // costs 12, worth 3 per tonne. The cap that does not bind is worth 0.
        var instance = HandInstances.Newsvendor(damage: 30, budget: budget, storage: storage) with
        {
            Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }, new TaxCreditTier { Id = "half", Rate = 0.5 }],
            PrivateStock = [new PrivateStockResponse { Country = "A", Material = "m", TonnesByTier = [0, 20] }],
        };

        var result = Checked.Solve(instance);

        Assert.Equal("SCIP", result.Solver.Solver);
        Assert.Equal("half", result.Policy!.Tiers.Single().Tier);
        Assert.Equal(30, result.Policy.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(530, result.Solver.Objective, 6);
        Assert.Equal("GLOP", result.ShadowPrices!.Solver);
        Assert.Equal(budgetUsdPerUsd, result.ShadowPrices.Budgets.Sum(b => b.UsdPerUsd), 6);
        Assert.Equal(storageUsdPerTonne, result.ShadowPrices.Storage.Single().UsdPerTonne, 6);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Raising_a_binding_budget_by_one_changes_the_fixed_integer_lp_by_the_reported_dual(int seed)
    {
        // Tight budgets so that some bind; for every country the finite difference of the
        // fixed-integer LP (tiers and builds held at the MIP optimum) must match Σ_s dual[c,s],
        // and at least one country's dual must be positive for the test to mean anything.
        var loose = Generated.Small(seed, riskWeight: 0.2);
        var instance = loose with { Countries = loose.Countries.Select(c => c with { BudgetUsd = 40 }).ToArray() };
        var result = Checked.Solve(instance, new SolveOptions { RelativeGap = 1e-9 });
        Assert.NotNull(result.Policy);
        var fixedIntegers = FixedFrom(instance, result);
        var before = FixedLp.Objective(new ModelData(instance, instance.Policy.Mode), fixedIntegers);

        var binding = 0;
        foreach (var country in instance.Countries.Select(c => c.Id))
        {
            var raised = instance with
            {
                Countries = instance.Countries.Select(c => c.Id == country ? c with { BudgetUsd = c.BudgetUsd + 1 } : c).ToArray(),
            };
            var after = FixedLp.Objective(new ModelData(raised, raised.Policy.Mode), fixedIntegers);
            var dual = result.ShadowPrices!.Budgets.Where(b => b.Country == country).Sum(b => b.UsdPerUsd);
            Assert.Equal(dual, before - after, 5);
            binding += dual > 1e-6 ? 1 : 0;
        }
        Assert.True(binding > 0, "no budget binds: the finite-difference check would be vacuous");
    }

    private static FixedIntegers FixedFrom(StockpileInstance instance, SolveResult result)
    {
        var data = new ModelData(instance, instance.Policy.Mode);
        var tiers = new double[]?[data.C, data.M];
        foreach (var choice in result.Policy!.Tiers)
        {
            var c = instance.Countries.ToList().FindIndex(x => x.Id == choice.Country);
            var m = instance.Materials.ToList().FindIndex(x => x.Id == choice.Material);
            tiers[c, m] = instance.Tiers.Select(t => t.Id == choice.Tier ? 1.0 : 0.0).ToArray();
        }
        return new FixedIntegers(tiers, result.Policy.Investments.Select(g => g.Build ? 1.0 : 0.0).ToArray());
    }
}

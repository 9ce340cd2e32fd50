using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Format versions: v1 instances keep their v1 answers; v2 defaults are those of docs/model.md.</summary>
public sealed class FormatVersionTests
{
    // FamilyInstances.Budget(880), the v1 known answer of FamilyTests: H = 2, refill θ = 1, halt
    // shortfall 60 t in period 1 (damage 100). A stocked tonne costs 10 + 2 + 2 = 14 in the calm
    // and 10 + 2 + 0 + 10 (rebought) = 22 in the halt; the halt's row binds: x = 880/22 = 40.
    //   E = 0.5·560 + 0.5·(880 + 20·100) = 1720.
    private const double BudgetV1Objective = 1720;

    [Fact]
    public void A_v1_instance_with_every_v2_option_unset_keeps_its_v1_answer()
    {
        var instance = FamilyInstances.Budget(880);
        Assert.Equal(1, instance.FormatVersion);
        Assert.Equal(Economics.V1, Economics.For(instance));

        var result = SolveOptimal(instance);

        Assert.Equal(40, result.Stockpile(), Tol);
        Assert.Equal(BudgetV1Objective, result.Solver.Objective, Tol);
        Assert.Equal(880, result.Fiscal("halt"), Tol);
        AssertSeries([20, 0], result.Shortage("halt"));
    }

    [Fact]
    public void A_v2_instance_with_v1_economics_set_explicitly_gives_the_same_answer()
    {
        var v1 = Economics.V1;
        var instance = FamilyInstances.Budget(880) with { FormatVersion = 2 };
        instance = instance with
        {
            Policy = instance.Policy with
            {
                ReleaseRule = v1.ReleaseRule, ReleasePriceFraction = v1.ReleasePriceFraction,
                TerminalValueFraction = v1.TerminalValueFraction, CostView = v1.CostView,
                BolrContract = v1.BolrContract, TieBreaking = v1.TieBreaking,
            },
        };

        var result = SolveOptimal(instance);

        Assert.Equal(40, result.Stockpile(), Tol);
        Assert.Equal(BudgetV1Objective, result.Solver.Objective, Tol);
    }

    [Fact]
    public void The_v2_defaults_value_stock_at_the_end_sell_releases_and_break_ties()
    {
        // The newsvendor (damage 30) as formatVersion 2 with every option unset: shortage rule,
        // π_r = 1, θ = 0.9, economy view (no price moves: no premium), tie-breaking ε = 1e-3.
        // A tonne costs 12; the calm keeps it (worth 9 at the end), the halt releases it (saves
        // 30, earns 10): 0.5·40 + 0.5·9 = 24.5 > 12 → the 60 t shortfall; a 61st tonne cannot be
        // released (the shortage rule's limit is the 60 t gap) and is worth 9 < 12.
        //   calm 720 − 9·60 = 180; halt 720 − 10·60 = 120 → 150; plus ε on the stock, the halt's
        //   releases and the imports (calm 100 t, halt 40 t): ε·(60 + 0.5·60 + 0.5·100 + 0.5·40)
        //   = 0.16 → 150.16.
        var instance = HandInstances.Newsvendor(damage: 30) with { FormatVersion = 2 };
        Assert.Equal(Economics.V2, Economics.For(instance));

        var result = SolveOptimal(instance);

        Assert.Equal(60, result.Stockpile(), Tol);
        Assert.Equal(150.16, result.Solver.Objective, Tol);
        Assert.Equal(720, result.Fiscal("calm"), Tol);
        Assert.Equal(120, result.Fiscal("halt"), Tol);
    }
}

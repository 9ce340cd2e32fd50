namespace StockpileOptimizer.Model.Tests.KnownAnswers;

// Risk family: CVaR.
public sealed partial class FamilyTests
{
    [Theory]
    // λ = 0: risk-neutral, x = 0 → E = 600.
    [InlineData(0, 0, 600, 6000)]
    // λ = 0.02 < 1/44: still x = 0 → 600 + 0.02·6000 = 720.
    [InlineData(0.02, 0, 720, 6000)]
    // λ = 0.05 > 1/44: x = 60, L_calm = L_halt = 720 = CVaR → 720·1.05 = 756.
    [InlineData(0.05, 60, 756, 720)]
    public void Cvar_weight_makes_a_risk_averse_plan_stock_the_shortfall(double lambda, double stockpile, double objective, double cvar)
    {
        // Newsvendor damage 100, π_halt = 0.1: 0.1·100 = 10 < 12, so risk-neutral x = 0.
        // For 0 ≤ x ≤ 60: L_calm = 12x, L_halt = 12x + 100·(60 − x). α = 0.9 and π_halt = 0.1 = 1 − α:
        // the tail is exactly the halt, CVaR = L_halt = 6000 − 88x, and E = 600 + 2x.
        // Objective E + λ·CVaR = 600 + 6000λ + (2 − 88λ)·x: stock the whole shortfall iff λ > 2/88 = 1/44.
        var instance = HandInstances.Newsvendor(damage: 100, haltProbability: 0.1)
            .WithPolicy(p => p with { RiskWeight = lambda, CvarAlpha = 0.9 });
        var result = SolveOptimal(instance);

        Assert.Equal(stockpile, Stockpile(result), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        Assert.Equal(cvar, result.Kpis!.CvarCostUsd, Tol);
        Assert.Equal(600 + 2 * stockpile, result.Kpis.ExpectedCostUsd, Tol);
    }
}

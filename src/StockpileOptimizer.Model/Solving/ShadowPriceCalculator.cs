using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// Budget and storage shadow prices from the LP with tiers and builds fixed at the MIP
/// optimum, solved by GLOP (HiGHS' duals are wrong through OR-Tools). Reported as the
/// objective decrease per unit of right-hand side: USD per USD of budget, USD per tonne of
/// storage.
/// </summary>
internal static class ShadowPriceCalculator
{
    /// <returns>Null when the LP is not solved to optimality within <paramref name="timeLimit"/> or is cancelled.</returns>
    public static ShadowPrices? Compute(ModelData data, FixedIntegers fixedIntegers, TimeSpan? timeLimit = null, CancellationToken cancel = default)
    {
        using var solver = SolverFactory.CreateLp();
        var model = FixedLp.Build(data, solver, fixedIntegers);
        if (timeLimit is { } limit)
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        }
        var status = SolverFactory.Solve(solver, cancel);
        return status == Solver.ResultStatus.OPTIMAL ? FromSolved(model) : null;
    }

    /// <summary>The shadow prices of a model GLOP has just solved to optimality (an LP: no integers to fix).</summary>
    public static ShadowPrices FromSolved(StockpileModel model)
    {
        var data = model.Data;
        var budgets = new List<BudgetShadow>();
        for (var c = 0; c < data.C; c++)
        {
            for (var s = 0; s < data.S; s++)
            {
                budgets.Add(new BudgetShadow(data.CountryId(c), data.ScenarioId(s), -model.BudgetRows[c, s].DualValue()));
            }
        }
        var storage = Enumerable.Range(0, data.C).Select(c =>
            new StorageShadow(data.CountryId(c), -model.StorageRows[c].DualValue() / data.MoneyScale)).ToArray();
        return new ShadowPrices { Solver = "GLOP", Budgets = budgets, Storage = storage };
    }
}

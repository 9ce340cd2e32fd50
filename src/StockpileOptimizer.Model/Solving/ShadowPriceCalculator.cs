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
        foreach (var c in data.Countries)
        {
            foreach (var s in data.Scenarios)
            {
                budgets.Add(new BudgetShadow(data.Id(c), data.Id(s), -model.BudgetRows[c, s].DualValue()));
            }
        }
        var storage = data.Countries.Select(c =>
            new StorageShadow(data.Id(c), -model.StorageRows[c].DualValue() / data.MoneyScale)).ToArray();
        return new ShadowPrices { Solver = "GLOP", Budgets = budgets, Storage = storage };
    }
}

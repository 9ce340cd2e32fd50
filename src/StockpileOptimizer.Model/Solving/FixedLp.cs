using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;

namespace StockpileOptimizer.Model.Solving;

/// <summary>The LP with tiers and builds fixed: shadow prices, marginal values of stock, tier steps.</summary>
internal static class FixedLp
{
    public static StockpileModel Build(ModelData data, Solver solver, FixedIntegers fixedIntegers)
    {
        var model = StockpileModel.Build(data, solver);
        foreach (var c in data.Countries)
        {
            foreach (var m in data.Materials)
            {
                if (model.Y[c, m] is { } tiers)
                {
                    for (var l = 0; l < tiers.Length; l++)
                    {
                        tiers[l].SetBounds(fixedIntegers.Tiers[c, m]![l], fixedIntegers.Tiers[c, m]![l]);
                    }
                }
            }
        }
        foreach (var g in data.Investments)
        {
            model.Z[g].SetBounds(fixedIntegers.Builds[g], fixedIntegers.Builds[g]);
        }
        return model;
    }

    /// <summary>Objective (USD) of the fixed-integer LP, or NaN when it is not optimal.</summary>
    public static double Objective(ModelData data, FixedIntegers fixedIntegers, CancellationToken cancel = default)
    {
        using var solver = SolverFactory.CreateLp();
        Build(data, solver, fixedIntegers);
        var status = SolverFactory.Solve(solver, cancel);
        return status == Solver.ResultStatus.OPTIMAL ? solver.Objective().Value() / data.MoneyScale : double.NaN;
    }
}

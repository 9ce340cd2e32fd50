using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Properties;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

/// <summary>
/// Every known-answer solve goes through here: besides the hand-derived answer its test
/// asserts, a plan is re-checked by the independent checker (every row and the objective,
/// docs/model.md), so a known answer can never pass on a plan that breaks the model.
/// </summary>
internal static class Checked
{
    public static SolveResult Solve(StockpileInstance instance, SolveOptions? options = null)
    {
        var result = StockpileSolver.Solve(instance, options);
        if (result.Policy is not null && options?.FixedPolicy is null)
        {
            CheckerAgreementTests.AssertAgrees(instance, result);
        }
        return result;
    }
}

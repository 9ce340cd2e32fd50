using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

/// <summary>
/// One known-answer test per constraint family of docs/model.md: a tiny instance
/// (<see cref="FamilyInstances"/>) on which the family binds, and the optimum derived by hand
/// in a comment above the assertions. Split by family group: Supply, Stock, Policy, Risk.
/// </summary>
public sealed partial class FamilyTests
{
    /// <summary>Absolute tolerance for tonnes and USD.</summary>
    private const double Tol = 1e-6;

    private static SolveResult SolveOptimal(StockpileInstance instance)
    {
        var result = Checked.Solve(instance);
        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.NotNull(result.Policy);
        Assert.NotNull(result.Kpis);
        return result;
    }

    private static double Stockpile(SolveResult result, string country = "A") =>
        result.Policy!.Stockpiles.Single(x => x.Country == country && x.Material == "m").Tonnes;

    private static ScenarioPath Path(SolveResult result, string scenario) =>
        result.Scenarios.Single(s => s.Scenario == scenario);

    private static MaterialPath MaterialPath(SolveResult result, string scenario, string country = "A") =>
        Path(result, scenario).Materials.Single(m => m.Country == country && m.Material == "m");

    private static IReadOnlyList<double> Shortage(SolveResult result, string scenario, string sector, string country = "A") =>
        Path(result, scenario).Shortages.Single(u => u.Country == country && u.Material == "m" && u.Sector == sector).Tonnes;

    private static ProducerPath Producer(SolveResult result, string scenario, string producer = "p") =>
        Path(result, scenario).Producers.Single(p => p.Producer == producer);

    private static double Component(SolveResult result, string component) =>
        result.Kpis!.ExpectedCostByComponent.Single(c => c.Component == component).Usd;

    private static double Fiscal(SolveResult result, string scenario, string country = "A") =>
        Path(result, scenario).FiscalCost.Single(f => f.Country == country).Usd;

    private static void AssertSeries(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tol,
                $"entry {i}: expected {expected[i]}, got {actual[i]} (series [{string.Join(", ", actual)}])");
        }
    }
}

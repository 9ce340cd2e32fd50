using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Solving and reading results for the model v2 known answers.</summary>
internal static class V2Results
{
    /// <summary>Absolute tolerance for tonnes and USD.</summary>
    public const double Tol = 1e-6;

    public static SolveResult SolveOptimal(StockpileInstance instance, SolveOptions? options = null)
    {
        var result = Checked.Solve(instance, options);
        Assert.True(result.Solver.Termination == Termination.Optimal,
            $"expected an optimal plan, got {result.Solver.Termination}: {result.Solver.Message}");
        Assert.NotNull(result.Policy);
        Assert.NotNull(result.Kpis);
        return result;
    }

    public static SolveResult SolveExplained(StockpileInstance instance) =>
        SolveOptimal(instance, new SolveOptions { Explain = true });

    public static StockpileTarget Target(this SolveResult result, string country = "A", string material = "m") =>
        result.Policy!.Stockpiles.Single(x => x.Country == country && x.Material == material);

    public static double Stockpile(this SolveResult result, string country = "A", string material = "m") =>
        result.Target(country, material).Tonnes;

    public static ScenarioPath Path(this SolveResult result, string scenario) =>
        result.Scenarios.Single(s => s.Scenario == scenario);

    public static MaterialPath MaterialPath(this SolveResult result, string scenario, string country = "A", string material = "m") =>
        result.Path(scenario).Materials.Single(m => m.Country == country && m.Material == material);

    public static IReadOnlyList<double> Shortage(this SolveResult result, string scenario, string sector = "k", string country = "A", string material = "m") =>
        result.Path(scenario).Shortages.Single(u => u.Country == country && u.Material == material && u.Sector == sector).Tonnes;

    public static ProducerPath Producer(this SolveResult result, string scenario, string producer) =>
        result.Path(scenario).Producers.Single(p => p.Producer == producer);

    public static IReadOnlyList<double> Transfers(this SolveResult result, string scenario, string from, string to, string material = "m") =>
        result.Path(scenario).Transfers.Single(e => e.From == from && e.To == to && e.Material == material).Tonnes;

    public static TradePath Trade(this SolveResult result, string scenario, string from, string to, string material = "m") =>
        result.Path(scenario).Trade.Single(f => f.From == from && f.To == to && f.Material == material);

    public static double Fiscal(this SolveResult result, string scenario, string country = "A") =>
        result.Path(scenario).FiscalCost.Single(f => f.Country == country).Usd;

    public static double Component(this SolveResult result, string component) =>
        result.Kpis!.ExpectedCostByComponent.Single(c => c.Component == component).Usd;

    public static double TariffRevenue(this SolveResult result, string country) =>
        result.Kpis!.ExpectedTariffRevenue.Where(r => r.Country == country).Sum(r => r.Usd);

    public static void AssertSeries(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tol,
                $"entry {i}: expected {expected[i]}, got {actual[i]} (series [{string.Join(", ", actual)}])");
        }
    }
}

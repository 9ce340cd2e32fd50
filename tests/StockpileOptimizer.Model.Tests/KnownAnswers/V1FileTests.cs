using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

/// <summary>
/// A version 1 instance file still loads and gives its version 1 answer: TestData/us-canada-v1.json
/// is the default instance as it was before model v2 (no formatVersion), and the figures below
/// are what the engine returned for it then (SCIP, default options, gap 0).
/// </summary>
public sealed class V1FileTests
{
    private static readonly Lazy<(StockpileInstance Instance, SolveResult Result)> Solved = new(() =>
    {
        var instance = InstanceJson.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "us-canada-v1.json"));
        return (instance, Checked.Solve(instance));
    });

    [Fact]
    public void The_v1_default_file_is_read_as_version_1_with_v1_economics()
    {
        var instance = Solved.Value.Instance;

        Assert.Equal(1, instance.FormatVersion);
        Assert.Equal(Economics.V1, Economics.For(instance));
    }

    [Fact]
    public void It_gives_the_v1_objective_and_decisions()
    {
        var result = Solved.Value.Result;

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        // Objective and expected cost of the v1 engine on this file.
        Assert.Equal(950_432_059.6, result.Solver.Objective, 1e-9 * 950_432_059.6);
        Assert.Equal(798_706_480.6, result.Kpis!.ExpectedCostUsd, 1e-9 * 798_706_480.6);
        Assert.Equal(0, result.Solver.TieBreakUsd);
        var policy = result.Policy!;
        Assert.Equal([("joint-separation", false), ("sisson-tungsten", false), ("mp-10x", true)],
            policy.Investments.Select(i => (i.Investment, i.Build)));
        Assert.Equal(148.18, policy.Commitments.Single(c => c.Producer == "mp-mountain-pass").TonnesPerPeriod, 1e-6);
        Assert.Equal(8.81, policy.Commitments.Single(c => c.Producer == "src-saskatoon").TonnesPerPeriod, 1e-6);
        // v1 breaks ties between the countries' stocks arbitrarily (the finding model v2's
        // tie-breaking fixes): the split of magnets between US and CA may move between equally
        // cheap plans, their sum may not (v1: 2,650.96 t US + 52.28 t CA).
        double Stock(string material) => policy.Stockpiles.Where(s => s.Material == material).Sum(s => s.Tonnes);
        Assert.Equal(2_650.96 + 52.28, Stock("ndfeb-magnet"), 1e-6);
        Assert.Equal(0, Stock("ndpr-oxide"), 1e-9);
    }
}

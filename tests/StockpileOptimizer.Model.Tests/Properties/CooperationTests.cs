using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Tests.Properties;

public sealed class CooperationTests
{
    // JOINT relaxes INDEPENDENT (transfers allowed, cost shares free within bounds, one CVaR
    // over the joint loss, and CVaR is subadditive), so its optimum can never be higher.
    [Property(MaxTest = 6, Replay = "(20261202,11400714819323198485)")]
    public Property Joint_never_costs_more_than_independent(PositiveInt seed, bool symmetric, bool riskAverse)
    {
        var instance = Generated.Small(seed.Get, symmetric, riskWeight: riskAverse ? 0.5 : 0);
        var joint = StockpileSolver.Solve(instance, Exact);
        var independent = StockpileSolver.Solve(instance.WithPolicy(p => p with { Mode = CooperationMode.Independent }), Exact);
        return (joint.Solver.Objective <= independent.Solver.Objective * (1 + 1e-7) + 1e-7)
            .Label($"joint {joint.Solver.Objective} vs independent {independent.Solver.Objective}");
    }

    // INDEPENDENT is the sum of the countries' stand-alone problems: solving each country's
    // restriction alone and adding up gives the same optimum.
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Independent_equals_the_sum_of_stand_alone_solves(int seed, bool symmetric)
    {
        var instance = Generated.Small(seed, symmetric, riskWeight: 0.3)
            .WithPolicy(p => p with { Mode = CooperationMode.Independent });
        var together = StockpileSolver.Solve(instance, Exact).Solver.Objective;
        var alone = instance.Countries.Sum(c => StockpileSolver.Solve(Alone(instance, c.Id), Exact).Solver.Objective);
        Assert.Equal(alone, together, 5);
    }

    [Fact]
    public void Cooperation_saves_when_one_country_has_surplus_output()
    {
        // Give A a producer of m1 far above its own demand: in a halt A's surplus can reach B
        // only over the sharing link, so cooperation is strictly cheaper.
        var generated = Generated.Small(7, symmetric: true);
        var instance = generated with
        {
            Producers = generated.Producers.Select(p => p.Id == "pA" ? p with { CapacityTonnesPerPeriod = 80 } : p).ToArray(),
        };
        var joint = StockpileSolver.Solve(instance, Exact).Solver.Objective;
        var independent = StockpileSolver.Solve(instance.WithPolicy(p => p with { Mode = CooperationMode.Independent }), Exact).Solver.Objective;
        Assert.True(joint < independent - 1e-6, $"joint {joint} should be below independent {independent}");
    }

    private static readonly SolveOptions Exact = new() { RelativeGap = 1e-9, ShadowPrices = false };

    /// <summary>The instance restricted to one country: its demands, imports, producers, budget; no sharing.</summary>
    internal static StockpileInstance Alone(StockpileInstance instance, string country)
    {
        var producers = instance.Producers.Where(p => p.Country == country).ToArray();
        var producerIds = producers.Select(p => p.Id).ToHashSet();
        return instance with
        {
            Countries = instance.Countries.Where(c => c.Id == country).ToArray(),
            Demands = instance.Demands.Where(d => d.Country == country).ToArray(),
            Imports = instance.Imports.Where(i => i.Country == country).ToArray(),
            Producers = producers,
            Investments = instance.Investments.Where(g => producerIds.Contains(g.Producer))
                .Select(g => g with { Partners = [] }).ToArray(),
            PrivateStock = instance.PrivateStock.Where(r => r.Country == country).ToArray(),
            Sharing = [],
            Policy = instance.Policy with { CoverageFloors = instance.Policy.CoverageFloors.Where(f => f.Country == country).ToArray() },
        };
    }
}

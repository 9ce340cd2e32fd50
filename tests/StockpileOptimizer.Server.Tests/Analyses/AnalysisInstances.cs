using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>
/// Tiny instances whose analyses are known by hand (docs/analyses.md, "Known answers"), and
/// the options the server gives each solve of an analysis by default, so that an in-process
/// run can be compared with a job's result.
/// </summary>
internal static class AnalysisInstances
{
    /// <summary>The newsvendor of <see cref="HandInstances.Newsvendor"/> (the job tests call it by this name).</summary>
    public static StockpileInstance Newsvendor(double damage = 30, double budget = 1e6) => HandInstances.Newsvendor(damage, budget: budget);

    /// <summary>The twins of <see cref="HandInstances.Twins"/> (the job tests call them by this name).</summary>
    public static StockpileInstance Twins() => HandInstances.Twins();

    /// <summary>A sampling distribution for the newsvendor: its supplier x halts group g with probability ½ (the rest: defaults).</summary>
    public static V1.ScenarioDistribution NewsvendorDistribution() => new()
    {
        Supplier = "x",
        Halts = { new V1.GroupHaltDistribution { Group = "g", Probability = 0.5 } },
    };

    /// <summary>The same distribution in the engine's form (<see cref="HandInstances.NewsvendorDistribution"/>).</summary>
    public static Domain.ScenarioDistribution NewsvendorDistributionDomain() => HandInstances.NewsvendorDistribution();

    /// <summary>What each solve of an analysis job runs with on a default host: the server's default time limit, one thread, no extras.</summary>
    public static SolveOptions ServerSolve() => new()
    {
        TimeLimit = TimeSpan.FromSeconds(60), Threads = 1, ShadowPrices = false, DiagnoseInfeasibility = false,
    };

    public static V1.StockpileInstance Proto(StockpileInstance instance) => DomainMapping.ToProto(instance);
}

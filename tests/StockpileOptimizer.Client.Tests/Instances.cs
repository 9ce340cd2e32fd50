using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Client.Tests;

/// <summary>The instances a client sends, as proto messages.</summary>
internal static class Instances
{
    /// <summary>
    /// The newsvendor of <see cref="HandInstances.Newsvendor"/> (damage 30) as the proto message a
    /// client sends: the optimum stocks 60 t for 720 USD and nothing is short.
    /// </summary>
    public static StockpileInstance Newsvendor(double budgetUsd = 1e6) =>
        DomainMapping.ToProto(HandInstances.Newsvendor(budget: budgetUsd));

    /// <summary>Runs for several seconds (the generator's larger instance): long enough to stop a host mid-solve.</summary>
    public static StockpileInstance Large() =>
        DomainMapping.ToProto(Domain.InstanceGenerator.Generate(new Domain.GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 }));
}

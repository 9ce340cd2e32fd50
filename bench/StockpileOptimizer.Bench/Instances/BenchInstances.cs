using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Bench.Instances;

/// <summary>The instances the report measures: generated (seeded) ladders and their LP form.</summary>
internal static class BenchInstances
{
    public static StockpileInstance Generate(GeneratorSpec spec, bool lp)
    {
        var instance = InstanceGenerator.Generate(spec);
        return lp ? AsLp(instance) : instance;
    }

    /// <summary>
    /// The risk-neutral LP of an instance: no private-stock responses (so no tier binaries), no
    /// investments (no build binaries), λ = 0 (no CVaR rows). Every remaining variable is continuous.
    /// </summary>
    public static StockpileInstance AsLp(StockpileInstance instance) => instance with
    {
        Name = instance.Name + " (risk-neutral LP)",
        PrivateStock = [],
        Investments = [],
        // Without the investments a producer can make only its base capacity: a version 2
        // instance holds its commitments to that (InstanceValidator).
        Producers = instance.FormatVersion < 2 ? instance.Producers : instance.Producers.Select(p => p with
        {
            MaxCommitmentTonnesPerPeriod = Math.Min(p.MaxCommitmentTonnesPerPeriod, p.CapacityTonnesPerPeriod),
            SignedCommitmentTonnesPerPeriod = Math.Min(p.SignedCommitmentTonnesPerPeriod, Math.Min(p.MaxCommitmentTonnesPerPeriod, p.CapacityTonnesPerPeriod)),
        }).ToArray(),
        Policy = instance.Policy with { RiskWeight = 0 },
    };

    /// <summary>One label for a spec in report tables.</summary>
    public static string Label(GeneratorSpec spec) =>
        $"{spec.Countries}c×{spec.Materials}m×{spec.Periods}t×{spec.Scenarios}s×{spec.ProducersPerCountry}p{(spec.FormatVersion >= 2 ? " v2" : "")}";
}

namespace StockpileOptimizer.Domain;

/// <summary>
/// A seeded sample of <see cref="Count"/> scenarios from <see cref="Distribution"/> (null: the
/// default), reduced to <see cref="ReduceTo"/> by fast forward selection when that is fewer
/// (docs/scenario-generation.md). The same seed gives the same scenarios, bit for bit.
/// </summary>
public sealed record ScenarioGenerationSpec
{
    public int Count { get; init; }
    public int Seed { get; init; }
    public ScenarioDistribution? Distribution { get; init; }
    public int? ReduceTo { get; init; }
}

/// <summary>The scenarios sampled, and their reduction when one was asked for and it keeps fewer.</summary>
public sealed record GeneratedScenarios(IReadOnlyList<Scenario> Sampled, ScenarioReductionResult? Reduction)
{
    /// <summary>The scenarios to use: the reduced set when there is one, else the sample.</summary>
    public IReadOnlyList<Scenario> Scenarios => Reduction?.Scenarios ?? Sampled;
}

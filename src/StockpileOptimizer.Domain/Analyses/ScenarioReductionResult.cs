namespace StockpileOptimizer.Domain;

/// <summary>The outcome of a scenario reduction.</summary>
public sealed record ScenarioReductionResult
{
    /// <summary>The kept scenarios in their original order, with reassigned probabilities summing to 1.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [];
    /// <summary>Indices (into the input) of the kept scenarios, ascending.</summary>
    public IReadOnlyList<int> Kept { get; init; } = [];
    /// <summary>For each input scenario, the index (into the input) of the kept scenario that carries its probability.</summary>
    public IReadOnlyList<int> AssignedTo { get; init; } = [];
    /// <summary>
    /// Σ over dropped scenarios of probability × distance to the kept one it went to: the
    /// Kantorovich distance between the input and the reduced distribution (feature units).
    /// </summary>
    public double Distance { get; init; }
}

namespace StockpileOptimizer.Domain;

/// <summary>
/// One thing wrong with an instance. <see cref="Path"/> names the field the way the JSON
/// does (camelCase, <c>[i]</c> for list items), e.g. <c>producers[2].capacityTonnesPerPeriod</c>;
/// <see cref="Message"/> is a sentence for the planner that starts with the path.
/// </summary>
public sealed record Violation(string Path, string Message);

namespace StockpileOptimizer.Server.Jobs;

/// <summary>An event before the store numbers it.</summary>
public sealed record JobEventDraft(
    DateTimeOffset Time, JobEventKind Kind, string Message, double? Objective = null, double? BestBound = null, double? Gap = null);

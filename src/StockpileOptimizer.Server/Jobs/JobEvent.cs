namespace StockpileOptimizer.Server.Jobs;

public sealed record JobEvent(
    string JobId,
    long Sequence,
    DateTimeOffset Time,
    JobEventKind Kind,
    JobState? State,
    double? Objective,
    double? BestBound,
    double? Gap,
    string Message);

namespace StockpileOptimizer.Server.Jobs;

public sealed record JobSnapshot(
    string Id,
    string? RequestId,
    string Kind,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Fingerprint,
    string? Error,
    long LastSequence);

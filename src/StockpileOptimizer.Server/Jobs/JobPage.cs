namespace StockpileOptimizer.Server.Jobs;

public sealed record JobPage(IReadOnlyList<JobSnapshot> Jobs, string? NextPageToken);

namespace StockpileOptimizer.Server.Jobs;

/// <summary>A stored job and the number of times it has entered RUNNING.</summary>
public sealed record StoredJob(JobSnapshot Job, int Attempts);

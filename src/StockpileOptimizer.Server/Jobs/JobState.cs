namespace StockpileOptimizer.Server.Jobs;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

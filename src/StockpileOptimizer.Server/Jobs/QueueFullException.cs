namespace StockpileOptimizer.Server.Jobs;

public sealed class QueueFullException(int capacity)
    : Exception($"the job queue is full ({capacity} jobs waiting); retry later")
{
    public int Capacity { get; } = capacity;
}

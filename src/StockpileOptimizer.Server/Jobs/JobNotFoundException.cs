namespace StockpileOptimizer.Server.Jobs;

public sealed class JobNotFoundException(string id) : Exception($"no job with id \"{id}\"")
{
    public string JobId { get; } = id;
}

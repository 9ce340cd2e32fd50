namespace StockpileOptimizer.Server.Jobs;

/// <summary>A request id already names a job made from a different request (kind, instance, options or analysis).</summary>
public sealed class RequestIdConflictException(string requestId, string existingJobId, string difference)
    : Exception($"requestId \"{requestId}\" was already used for job {existingJobId} with a different {difference}; use a new requestId for a different request")
{
    /// <summary>The request id given again.</summary>
    public string RequestId { get; } = requestId;

    /// <summary>The job the request id names.</summary>
    public string ExistingJobId { get; } = existingJobId;
}

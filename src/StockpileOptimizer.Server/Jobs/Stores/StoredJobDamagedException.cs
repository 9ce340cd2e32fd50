namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// What the store holds for a job cannot be trusted: its stored JSON does not read, or does
/// not match its checksum. The job's data is lost (DATA_LOSS); the message names the job.
/// </summary>
public sealed class StoredJobDamagedException(string jobId, string message, Exception? inner = null) : JobStoreException(message, inner)
{
    /// <summary>The job whose stored data is damaged.</summary>
    public string JobId { get; } = jobId;
}

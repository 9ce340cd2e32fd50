namespace StockpileOptimizer.Server.Jobs;

/// <summary>The job system's log lines about replicas sharing a store: claims, leases, notices.</summary>
internal static partial class JobLog
{
    [LoggerMessage(30, LogLevel.Information, "Job store {StorePath} shared as replica {Owner} (lease {LeaseSeconds} s): {Recovered} re-queued and {Failed} failed from expired leases; {Workers} workers × {Threads} solver threads")]
    public static partial void StartedShared(
        this ILogger logger, string storePath, string owner, double leaseSeconds, int recovered, int failed, int workers, int threads);

    [LoggerMessage(31, LogLevel.Warning, "Worker {Worker} could not claim a job; it tries again")]
    public static partial void ClaimFailed(this ILogger logger, int worker, Exception exception);

    [LoggerMessage(32, LogLevel.Warning, "Job {JobId}: its lease could not be renewed (fingerprint {Fingerprint}; giving the job up: {GivingUp})")]
    public static partial void LeaseNotRenewed(this ILogger logger, string jobId, string fingerprint, bool givingUp, Exception exception);

    [LoggerMessage(33, LogLevel.Warning, "Job {JobId}: this replica no longer holds it (fingerprint {Fingerprint}); its run is stopped and its outcome will not be stored")]
    public static partial void LeaseLost(this ILogger logger, string jobId, string fingerprint);

    [LoggerMessage(34, LogLevel.Warning, "Job {JobId}: run stopped after its lease was lost (fingerprint {Fingerprint}); nothing stored, another replica has the job")]
    public static partial void OutcomeDropped(this ILogger logger, string jobId, string fingerprint);

    [LoggerMessage(35, LogLevel.Warning, "Job {JobId}: {State} not stored; this replica no longer holds the job")]
    public static partial void NotOwned(this ILogger logger, string jobId, JobState state);

    [LoggerMessage(36, LogLevel.Warning, "Job {JobId} failed after its replica stopped renewing its lease (fingerprint {Fingerprint}): {Reason}")]
    public static partial void LeaseExpiredFailed(this ILogger logger, string jobId, string fingerprint, string reason);

    [LoggerMessage(37, LogLevel.Error, "Looking for jobs with expired leases failed; trying again")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(38, LogLevel.Warning, "Not listening for job notices; workers and watches look at the store every {PollSeconds} s until listening again")]
    public static partial void ListenerLost(this ILogger logger, double pollSeconds, Exception exception);
}

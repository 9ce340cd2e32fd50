namespace StockpileOptimizer.Server.Jobs;

/// <summary>The job system's log lines: structured, with the job id and the instance fingerprint.</summary>
internal static partial class JobLog
{
    [LoggerMessage(1, LogLevel.Information, "Job store {StorePath}: {Queued} queued, {Recovered} re-queued and {Failed} failed after a host restart; {Workers} workers × {Threads} solver threads")]
    public static partial void Started(this ILogger logger, string storePath, int queued, int recovered, int failed, int workers, int threads);

    [LoggerMessage(2, LogLevel.Warning, "Solver thread budget clamped: {Adjustment}")]
    public static partial void ThreadBudgetClamped(this ILogger logger, string adjustment);

    [LoggerMessage(3, LogLevel.Information, "Job {JobId} queued (fingerprint {Fingerprint}, request {RequestId})")]
    public static partial void Queued(this ILogger logger, string jobId, string fingerprint, string? requestId);

    [LoggerMessage(4, LogLevel.Information, "Job {JobId} running (fingerprint {Fingerprint}, time limit {TimeLimitSeconds} s, {Threads} solver threads)")]
    public static partial void Running(this ILogger logger, string jobId, string fingerprint, double timeLimitSeconds, int threads);

    [LoggerMessage(5, LogLevel.Information, "Job {JobId} {State} (fingerprint {Fingerprint}, termination {Termination}, objective {Objective} USD, gap {Gap}, {WallSeconds:F2} s)")]
    public static partial void Finished(
        this ILogger logger, string jobId, JobState state, string fingerprint, string termination, double objective, double gap, double wallSeconds);

    [LoggerMessage(6, LogLevel.Error, "Job {JobId} failed (fingerprint {Fingerprint}): {Reason}")]
    public static partial void Failed(this ILogger logger, string jobId, string fingerprint, string reason, Exception? exception);

    [LoggerMessage(7, LogLevel.Information, "Job {JobId} cancel requested while {State} (fingerprint {Fingerprint})")]
    public static partial void CancelRequested(this ILogger logger, string jobId, JobState state, string fingerprint);

    [LoggerMessage(8, LogLevel.Warning, "Job {JobId} re-queued (fingerprint {Fingerprint}): {Reason}")]
    public static partial void Requeued(this ILogger logger, string jobId, string fingerprint, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Job {JobId} found RUNNING at start-up and failed (fingerprint {Fingerprint}): {Reason}")]
    public static partial void RecoveryFailed(this ILogger logger, string jobId, string fingerprint, string reason);

    [LoggerMessage(10, LogLevel.Error, "Job {JobId}: progress events could not be stored")]
    public static partial void ProgressNotStored(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Stopping: {Running} running jobs get {GraceSeconds} s to finish")]
    public static partial void Stopping(this ILogger logger, int running, int graceSeconds);

    [LoggerMessage(12, LogLevel.Warning, "Stopping: job {JobId} interrupted after the grace period (fingerprint {Fingerprint}); it goes back to the queue")]
    public static partial void InterruptedAtShutdown(this ILogger logger, string jobId, string fingerprint);

    [LoggerMessage(13, LogLevel.Error, "Stopping: workers did not finish before the host's shutdown timeout; jobs still RUNNING are recovered at the next start")]
    public static partial void StopTimedOut(this ILogger logger);

    [LoggerMessage(14, LogLevel.Critical, "Worker {Worker} crashed; the job it held stays in the store and is recovered at the next start")]
    public static partial void WorkerCrashed(this ILogger logger, int worker, Exception exception);
}

using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server;

/// <summary>
/// Every structured log line of the server (job id and instance fingerprint as fields), in one
/// place so that event ids stay unique: 1–19 the job system, 20–29 analysis jobs, 30–39 replicas
/// sharing a store, 1001–1099 the solve service, 1101–1199 the analysis service.
/// </summary>
internal static partial class ServerLog
{
    // The job system: queue, workers, recovery, shutdown.
    [LoggerMessage(1, LogLevel.Information, "Job store {StorePath}: {Queued} queued, {Recovered} re-queued and {Failed} failed after a host restart; {Workers} workers × {Threads} solver threads")]
    public static partial void Started(this ILogger logger, string storePath, int queued, int recovered, int failed, int workers, int threads);

    [LoggerMessage(2, LogLevel.Warning, "Solver thread budget clamped: {Adjustment}")]
    public static partial void ThreadBudgetClamped(this ILogger logger, string adjustment);

    [LoggerMessage(19, LogLevel.Warning, "Jobs:TestHoldSolvesUntilCancelled is on: solve jobs are held until cancelled or their time limit, not solved (for tests only)")]
    public static partial void SolvesHeld(this ILogger logger);

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
    public static partial void Stopping(this ILogger logger, int running, double graceSeconds);

    [LoggerMessage(12, LogLevel.Warning, "Stopping: job {JobId} interrupted after the grace period (fingerprint {Fingerprint}); it goes back to the queue")]
    public static partial void InterruptedAtShutdown(this ILogger logger, string jobId, string fingerprint);

    [LoggerMessage(13, LogLevel.Error, "Stopping: workers did not finish before the host's shutdown timeout; jobs still RUNNING are recovered at the next start")]
    public static partial void StopTimedOut(this ILogger logger);

    [LoggerMessage(14, LogLevel.Critical, "Worker {Worker} crashed; the job it held stays in the store and is recovered at the next start")]
    public static partial void WorkerCrashed(this ILogger logger, int worker, Exception exception);

    // Analysis jobs.
    [LoggerMessage(20, LogLevel.Information, "Job {JobId} {State} (fingerprint {Fingerprint}, {Kind} analysis): {Summary}")]
    public static partial void AnalysisFinished(this ILogger logger, string jobId, JobState state, string fingerprint, string kind, string summary);

    // Replicas sharing a store: claims, leases, notices.
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

    // The solve service (StockpileService).
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Solve call queued job {JobId} for instance {Fingerprint} with time limit {TimeLimit}")]
    public static partial void SolveQueued(this ILogger logger, string jobId, string fingerprint, TimeSpan? timeLimit);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Solve call answered for job {JobId}: {Termination}")]
    public static partial void SolveAnswered(this ILogger logger, string jobId, Domain.Termination termination);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Solve call for job {JobId} ended by its caller; cancelling the job")]
    public static partial void SolveAbandoned(this ILogger logger, string jobId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Cancelling the abandoned job {JobId} failed")]
    public static partial void CancelFailed(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "StartSolve {Outcome} job {JobId} for instance {Fingerprint} (request id {RequestId})")]
    public static partial void JobStarted(this ILogger logger, string outcome, string jobId, string fingerprint, string? requestId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "CancelJob {JobId}: now {State}")]
    public static partial void JobCancelRequested(this ILogger logger, string jobId, JobState state);

    // The analysis service.
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Start {Kind} {Outcome} job {JobId} for instance {Fingerprint} (request id {RequestId})")]
    public static partial void AnalysisStarted(this ILogger logger, string kind, string outcome, string jobId, string fingerprint, string? requestId);

    // Errors.
    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    public static partial void UnexpectedFailure(this ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Job {JobId}: stored data damaged: {Problem}")]
    public static partial void StoredDataDamaged(this ILogger logger, string jobId, string problem);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Job gauges: the job store could not be read")]
    public static partial void JobGaugesUnreadable(this ILogger logger, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace StockpileOptimizer.Server.Services;

/// <summary>The service's structured log lines (job id and input fingerprint as fields).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Solve call queued job {JobId} for instance {Fingerprint} with time limit {TimeLimit}")]
    public static partial void SolveQueued(ILogger logger, string jobId, string fingerprint, TimeSpan? timeLimit);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Solve call answered for job {JobId}: {Termination}")]
    public static partial void SolveAnswered(ILogger logger, string jobId, Domain.Termination termination);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Solve call for job {JobId} ended by its caller; cancelling the job")]
    public static partial void SolveAbandoned(ILogger logger, string jobId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Cancelling the abandoned job {JobId} failed")]
    public static partial void CancelFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "StartSolve {Outcome} job {JobId} for instance {Fingerprint} (request id {RequestId})")]
    public static partial void JobStarted(ILogger logger, string outcome, string jobId, string fingerprint, string? requestId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "CancelJob {JobId}: now {State}")]
    public static partial void JobCancelRequested(ILogger logger, string jobId, Jobs.JobState state);
}

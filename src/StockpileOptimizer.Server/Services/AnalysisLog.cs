namespace StockpileOptimizer.Server.Services;

/// <summary>The analysis service's structured log lines.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Start {Kind} {Outcome} job {JobId} for instance {Fingerprint} (request id {RequestId})")]
    public static partial void AnalysisStarted(ILogger logger, string kind, string outcome, string jobId, string fingerprint, string? requestId);
}

using Microsoft.Extensions.Logging;

namespace StockpileOptimizer.Cluster;

/// <summary>Every log line of the cluster assembly, defined once (event ids 2001–2099).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Batch {Key}: call {Attempt} of {Attempts} lost ({Error}); again in {Seconds:0.0} s")]
    public static partial void CallLost(this ILogger log, string key, int attempt, int attempts, string error, double seconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Batch {Key}: not released ({Error}); its silo is gone")]
    public static partial void ReleaseLost(this ILogger log, string key, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Batch {Key}: worker built for {Samples} samples")]
    public static partial void WorkerBuilt(this ILogger log, string key, int samples);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Cluster: created Orleans' membership tables ({Scripts})")]
    public static partial void MembershipTablesCreated(this ILogger log, string scripts);
}

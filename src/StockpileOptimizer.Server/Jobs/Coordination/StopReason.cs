namespace StockpileOptimizer.Server.Jobs;

internal enum StopReason
{
    None,
    /// <summary>A caller cancelled the job: it ends CANCELLED.</summary>
    Cancelled,
    /// <summary>The host is stopping: the job goes back to QUEUED.</summary>
    Shutdown,
    /// <summary>
    /// A shared store: this replica's lease on the job ran out (or another replica recovered it).
    /// The job is no longer this replica's: stop, and store nothing more for it.
    /// </summary>
    Lost,
}

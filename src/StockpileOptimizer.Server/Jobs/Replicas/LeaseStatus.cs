namespace StockpileOptimizer.Server.Jobs;

public enum LeaseStatus
{
    /// <summary>Still this owner's; carry on.</summary>
    Held,
    /// <summary>Still this owner's, and someone asked to cancel it: stop the solve and store CANCELLED.</summary>
    CancelRequested,
    /// <summary>No longer this owner's (or no longer RUNNING): stop, and store nothing more for it.</summary>
    Lost,
}

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job service is shutting down: a live watch cannot continue (map to UNAVAILABLE; the
/// client reconnects to the next host with the last sequence number it saw).
/// </summary>
public sealed class JobServiceStoppingException()
    : Exception("the job service is shutting down; reconnect and resume from the last event seen");

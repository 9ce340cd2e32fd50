namespace StockpileOptimizer.Server.Jobs;

public enum JobEventKind
{
    /// <summary>The job changed state (<see cref="JobEvent.State"/> set).</summary>
    State,
    /// <summary>The solver reported an incumbent and/or bound.</summary>
    Incumbent,
    /// <summary>A log line (engine phase or solver log).</summary>
    Log,
}

namespace StockpileOptimizer.Model.Solving;

/// <summary>Time since a solve started, read from a <see cref="TimeProvider"/> (the system's, or a test's fake).</summary>
internal sealed class SolveClock(TimeProvider time)
{
    private readonly long started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(started);
}

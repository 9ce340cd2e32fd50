using System.Globalization;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// "Still solving" log lines while a solve stage runs: a node-limited stage reports its
/// incumbent only when it ends (see SolveLoop), and a watcher should hear from the solve
/// meanwhile. The first line comes after the progress interval, later ones at doubling
/// intervals up to a minute. Reports come from a timer thread.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    private readonly IProgress<SolveProgress> progress;
    private readonly SolveClock clock;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private TimeSpan interval;
    private bool disposed;

    public Heartbeat(IProgress<SolveProgress> progress, SolveClock clock, TimeSpan interval)
    {
        this.progress = progress;
        this.clock = clock;
        this.interval = interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1);
        timer = new Timer(_ => Beat(), null, this.interval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The stage now running (1-based), for the message.</summary>
    public int Stage { get; set; } = 1;

    private void Beat()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            progress.Report(new SolveProgress
            {
                Kind = ProgressKind.Log,
                Elapsed = clock.Elapsed,
                Message = string.Create(CultureInfo.InvariantCulture, $"stage {Stage}: solving, {clock.Elapsed.TotalSeconds:0} s so far"),
            });
            interval = interval * 2 < MaxInterval ? interval * 2 : MaxInterval;
            timer.Change(interval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer.Dispose();
        }
    }
}

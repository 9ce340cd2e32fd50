using System.Diagnostics;
using System.Diagnostics.Metrics;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// The host's traces and metrics (docs/api.md, "Telemetry"): one activity per solve job run and
/// histograms of how long solves take, split into the solver's own time and the overhead of
/// building the model and extracting the result (<see cref="SolverFacts"/>). Nothing listens
/// unless telemetry is switched on (<see cref="TelemetrySetup"/>); recording is then free.
/// </summary>
internal static class Telemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "StockpileOptimizer";

    /// <summary>The name of the activity of a solve job run.</summary>
    public const string SolveActivity = "stockpile.solve";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "stockpile.solve.duration", "s", "Wall time of a solve job's engine run: build, solve and extract.");

    private static readonly Histogram<double> SolverTime = Meter.CreateHistogram<double>(
        "stockpile.solve.solver_time", "s", "Of a solve's wall time, the MIP solver itself (all stages).");

    private static readonly Histogram<double> Overhead = Meter.CreateHistogram<double>(
        "stockpile.solve.overhead", "s", "Of a solve's wall time, building the model and extracting the result.");

    /// <summary>
    /// Records a solve job's run as it ends: the histograms (when there is a result; an engine
    /// error has no timings) and its activity, which spans the engine's wall time up to now.
    /// </summary>
    public static void SolveFinished(string jobId, string fingerprint, SolveResult? result, Exception? error)
    {
        var facts = result?.Solver;
        var termination = facts?.Termination.ToString() ?? (error is OperationCanceledException ? nameof(Termination.Cancelled) : nameof(Termination.Error));
        var solver = facts?.Solver ?? "";
        if (facts is not null)
        {
            var tags = new TagList { { "termination", termination }, { "solver", solver } };
            Duration.Record(facts.WallSeconds, tags);
            SolverTime.Record(facts.SolveSeconds, tags);
            Overhead.Record(facts.BuildSeconds + facts.ExtractSeconds, tags);
        }
        if (!Source.HasListeners())
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var start = facts is not null && double.IsFinite(facts.WallSeconds) && facts.WallSeconds >= 0 ? now - TimeSpan.FromSeconds(facts.WallSeconds) : now;
        using var activity = Source.StartActivity(SolveActivity, ActivityKind.Internal, default(ActivityContext), startTime: start);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("stockpile.job.id", jobId);
        activity.SetTag("stockpile.instance.fingerprint", fingerprint);
        activity.SetTag("stockpile.solve.termination", termination);
        activity.SetTag("stockpile.solve.solver", solver);
        if (facts is not null)
        {
            activity.SetTag("stockpile.solve.solver_time", facts.SolveSeconds);
            activity.SetTag("stockpile.solve.overhead", facts.BuildSeconds + facts.ExtractSeconds);
            activity.SetTag("stockpile.solve.gap", facts.Gap);
        }
        if (error is not null && error is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }
}

using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;

namespace StockpileOptimizer.Server.Jobs;

// Analysis jobs (cooperation, frontier, evaluation): the same queue, workers, events,
// cancellation and shutdown as a solve; the worker runs the analysis of the job's kind
// (StockpileApplication.Run) instead of one solve, and stores its result as the job's analysis result.
internal sealed partial class JobService
{
    /// <summary>A solve carries no analysis spec; an analysis carries one of its own kind.</summary>
    private static void CheckKind(JobSubmission submission)
    {
        if (!JobKinds.All.Contains(submission.Kind))
        {
            throw new ArgumentException(
                $"unknown job kind \"{submission.Kind}\" (known: {string.Join(", ", JobKinds.All)})", nameof(submission));
        }
        if (submission.Kind == JobKinds.Solve ? submission.Analysis is not null : submission.Analysis?.Kind != submission.Kind)
        {
            throw new ArgumentException(
                submission.Analysis is null
                    ? $"a {submission.Kind} job needs its analysis spec"
                    : $"a {submission.Kind} job cannot carry a {submission.Analysis.Kind} analysis spec",
                nameof(submission));
        }
    }

    /// <summary>The RUNNING event's message for an analysis: what it runs, its thread budget, and each solve's limit.</summary>
    private string DescribeAnalysis(StockpileInstance instance, AnalysisSpec analysis, SolveOptions submitted, SolveOptions applied)
    {
        var solves = StockpileApplication.Solves(instance, analysis);
        var threads = StockpileApplication.Parallelism(analysis, Limits.ThreadsPerSolve);
        var limit = applied.TimeLimit!.Value;
        var note = submitted.TimeLimit switch
        {
            { } asked when asked > limit => string.Create(CultureInfo.InvariantCulture, $" (asked {asked.TotalSeconds:0.###} s; the server's maximum)"),
            { } asked when asked > TimeSpan.Zero => "",
            _ => " (the server's default)",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"running {analysis.Kind} analysis: {(solves > 0 ? $"{solves} solve{(solves == 1 ? "" : "s")}, " : "")}"
            + $"{threads} solver thread{(threads == 1 ? "" : "s")} at once; each solve {applied.Solver.ToString().ToUpperInvariant()}, "
            + $"time limit {limit.TotalSeconds:0.###} s{note}");
    }

    /// <summary>Runs the analysis on its own thread, storing its progress ("k of N done: …") as LOG events as it comes.</summary>
    private async Task<(AnalysisResult? Result, Exception? Error)> AnalyseAsync(RunningJob run, JobSubmission submission, SolveOptions solveOptions)
    {
        var sink = new ProgressSink(time);
        var pump = Task.Run(() => PumpAsync(run.Id, sink.Reader));
        try
        {
            var progress = new AnalysisProgressSink(sink);
            var result = await Task.Factory.StartNew(
                () => StockpileApplication.Run(ValidatedInstance.Require(submission.Instance), submission.Analysis!, solveOptions, Limits.ThreadsPerSolve, progress, run.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            return (result, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
        finally
        {
            sink.Complete();
            await pump.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores how the analysis ended: its result (SUCCEEDED, or CANCELLED with the partial
    /// result), or FAILED with the reason. Interrupted by a shutdown, it goes back to QUEUED.
    /// </summary>
    private async Task FinishAnalysisAsync(RunningJob run, AnalysisResult? result, Exception? error)
    {
        if (run.Reason == StopReason.Lost)
        {
            logger.OutcomeDropped(run.Id, run.Fingerprint);
            return;
        }
        var now = time.GetUtcNow();
        var interrupted = result?.Cancelled == true || error is OperationCanceledException;
        if (interrupted && run.Reason == StopReason.Shutdown)
        {
            var reason = shared is null ? "re-queued: the host is shutting down; the analysis starts again when it is back" : HandedBack;
            if (await TransitionAsync(run.Id, JobState.Running, new JobTransition(JobState.Queued, now, reason), CancellationToken.None).ConfigureAwait(false) is not null)
            {
                logger.Requeued(run.Id, run.Fingerprint, reason);
            }
            return;
        }
        var change = AnalysisOutcome(now, result, error);
        await TransitionAsync(run.Id, JobState.Running, change, CancellationToken.None).ConfigureAwait(false);
        if (change.To == JobState.Failed)
        {
            logger.Failed(run.Id, run.Fingerprint, change.Error!, error);
        }
        else
        {
            logger.AnalysisFinished(run.Id, change.To, run.Fingerprint, result?.Kind ?? "analysis", change.Message);
        }
    }

    internal static JobTransition AnalysisOutcome(DateTimeOffset now, AnalysisResult? result, Exception? error)
    {
        if (result is null)
        {
            return error switch
            {
                OperationCanceledException => new JobTransition(JobState.Cancelled, now, "cancelled before the analysis produced a result"),
                InvalidInstanceException e => Failed(now, e.Message),
                _ => Failed(now, error?.Message ?? "the analysis returned nothing"),
            };
        }
        return new JobTransition(result.Cancelled ? JobState.Cancelled : JobState.Succeeded, now, result.Message, Analysis: result);
    }

    /// <summary>Analysis progress as log events of the job, through the job's progress sink.</summary>
    private sealed class AnalysisProgressSink(ProgressSink sink) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) =>
            sink.Report(new SolveProgress { Kind = ProgressKind.Log, Elapsed = value.Elapsed, Message = StockpileApplication.Line(value) });
    }
}

internal static partial class AnalysisJobLog
{
    [LoggerMessage(20, LogLevel.Information, "Job {JobId} {State} (fingerprint {Fingerprint}, {Kind} analysis): {Summary}")]
    public static partial void AnalysisFinished(this ILogger logger, string jobId, JobState state, string fingerprint, string kind, string summary);
}

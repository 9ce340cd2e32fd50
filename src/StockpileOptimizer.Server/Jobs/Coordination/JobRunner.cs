using System.Globalization;
using System.Threading.Channels;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Runs a job that its coordinator has moved to RUNNING, in either mode: the engine (one solve,
/// or the analysis of the job's kind) on its own thread, its progress stored as it comes, and
/// its outcome stored through the coordinator, or the job handed back when the host stops.
/// </summary>
/// <remarks><paramref name="farm"/> runs the many solves of every analysis (null: in this process, within the thread budget).</remarks>
internal sealed class JobRunner(IJobCoordinator coordinator, JobLimits limits, TimeProvider time, ILogger logger, ISolveFarm? farm = null)
{
    /// <summary>Progress events stored per transaction, at most.</summary>
    private const int ProgressBatch = 500;

    /// <summary>
    /// Runs a job read back from the store: its instance is validated here, once, because the
    /// row may come from another process (this host before a restart, or another replica); a
    /// job submitted to this process runs through <see cref="ExecuteAsync"/> without a second
    /// validation. An instance this server's validator refuses fails the job.
    /// </summary>
    public Task ExecuteStoredAsync(RunningJob run, StoredSubmission stored)
    {
        JobSubmission submission;
        try
        {
            submission = stored.Validate();
        }
        catch (InvalidInstanceException e)
        {
            return FinishSolveAsync(run, null, e);
        }
        return ExecuteAsync(run, submission);
    }

    /// <summary>Runs the job (its instance validated) and stores how it ended.</summary>
    public async Task ExecuteAsync(RunningJob run, JobSubmission submission)
    {
        var solveOptions = limits.Apply(submission.Options);
        logger.Running(run.Id, run.Fingerprint, solveOptions.TimeLimit!.Value.TotalSeconds, solveOptions.Threads);
        if (submission.Analysis is { } analysis)
        {
            var (outcome, failure) = await RunEngineAsync(run, sink => StockpileApplication.Run(
                submission.Instance, analysis, solveOptions, limits.ThreadsPerSolve, new AnalysisProgressSink(sink), run.Token, farm)).ConfigureAwait(false);
            var interrupted = outcome?.Cancelled == true || failure is OperationCanceledException;
            await FinishAsync(run, JobOutcomes.Analysis(time.GetUtcNow(), outcome, failure), interrupted, "analysis", failure,
                change => logger.AnalysisFinished(run.Id, change.To, run.Fingerprint, outcome?.Kind ?? "analysis", change.Message)).ConfigureAwait(false);
            return;
        }
        var (result, error) = await RunEngineAsync(run, sink => limits.HoldSolves
            ? HeldSolve.Run(submission.Instance, solveOptions, sink, time, run.Token)
            : StockpileApplication.Run(submission.Instance, solveOptions, sink, run.Token)).ConfigureAwait(false);
        await FinishSolveAsync(run, result, error).ConfigureAwait(false);
    }

    /// <summary>Stores how a solve ended: results are data (SUCCEEDED), not failures.</summary>
    public Task FinishSolveAsync(RunningJob run, SolveResult? result, Exception? error)
    {
        Hosting.Telemetry.SolveFinished(run.Id, run.Fingerprint, result, error);
        var interrupted = result?.Solver.Termination == Termination.Cancelled || error is OperationCanceledException;
        return FinishAsync(run, JobOutcomes.Solve(time.GetUtcNow(), result, error), interrupted, "solve", error, change =>
        {
            var facts = result?.Solver ?? new SolverFacts { Termination = Termination.Cancelled, Objective = double.NaN, Gap = double.NaN };
            logger.Finished(run.Id, change.To, run.Fingerprint, facts.Termination.ToString(), facts.Objective, facts.Gap, facts.WallSeconds);
        });
    }

    /// <summary>The RUNNING event's message for a submission: what it runs with, and why where the server chose.</summary>
    public string Describe(StockpileInstance instance, SolveOptions options, AnalysisSpec? analysisSpec)
    {
        var applied = limits.Apply(options);
        var limit = applied.TimeLimit!.Value;
        var note = options.TimeLimit switch
        {
            { } asked when asked > limit => string.Create(CultureInfo.InvariantCulture, $" (asked {asked.TotalSeconds:0.###} s; the server's maximum)"),
            { } asked when asked > TimeSpan.Zero => "",
            _ => " (the server's default)",
        };
        if (analysisSpec is not { } analysis)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"running: {applied.Solver.ToString().ToUpperInvariant()}, time limit {limit.TotalSeconds:0.###} s{note}, " +
                $"{applied.Threads} solver thread{(applied.Threads == 1 ? "" : "s")}");
        }
        var solves = StockpileApplication.Solves(instance, analysis);
        var threads = StockpileApplication.Parallelism(analysis, limits.ThreadsPerSolve);
        return string.Create(CultureInfo.InvariantCulture,
            $"running {analysis.Kind} analysis: {(analysis is SaaAnalysisSpec saa ? $"up to {saa.MaxIterations} iterations, " : solves > 0 ? $"{solves} solve{(solves == 1 ? "" : "s")}, " : "")}"
            + $"{threads} solver thread{(threads == 1 ? "" : "s")} at once; each solve {applied.Solver.ToString().ToUpperInvariant()}, "
            + $"time limit {limit.TotalSeconds:0.###} s{note}");
    }

    /// <summary>
    /// Stores the outcome (<paramref name="change"/>), unless the job is no longer this host's
    /// (lease lost: nothing stored) or the host's shutdown interrupted it (back to QUEUED).
    /// </summary>
    private async Task FinishAsync(
        RunningJob run, JobTransition change, bool interrupted, string work, Exception? error, Action<JobTransition> logEnd)
    {
        if (run.Reason == StopReason.Lost)
        {
            logger.OutcomeDropped(run.Id, run.Fingerprint);
            return;
        }
        if (interrupted && run.Reason == StopReason.Shutdown)
        {
            var reason = coordinator.HandBackMessage(work);
            if (await coordinator.TransitionAsync(run.Id, JobState.Running, new JobTransition(JobState.Queued, change.Time, reason), CancellationToken.None)
                .ConfigureAwait(false) is not null)
            {
                logger.Requeued(run.Id, run.Fingerprint, reason);
            }
            return;
        }
        await coordinator.TransitionAsync(run.Id, JobState.Running, change, CancellationToken.None).ConfigureAwait(false);
        if (change.To == JobState.Failed)
        {
            logger.Failed(run.Id, run.Fingerprint, change.Error!, error);
        }
        else
        {
            logEnd(change);
        }
    }

    /// <summary>Runs the engine on its own thread, storing its progress as it comes; every progress event is stored before it returns.</summary>
    private async Task<(T? Result, Exception? Error)> RunEngineAsync<T>(RunningJob run, Func<ProgressSink, T> work) where T : class
    {
        var sink = new ProgressSink(time);
        var pump = Task.Run(() => PumpAsync(run.Id, sink.Reader));
        try
        {
            var result = await Task.Factory.StartNew(
                () => work(sink), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
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

    private async Task PumpAsync(string id, ChannelReader<JobEventDraft> reader)
    {
        var batch = new List<JobEventDraft>(ProgressBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < ProgressBatch && reader.TryRead(out var draft))
            {
                batch.Add(draft);
            }
            try
            {
                await coordinator.AppendAsync(id, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.ProgressNotStored(id, e);
            }
            batch.Clear();
        }
    }

    /// <summary>Analysis progress as log events of the job, through the job's progress sink; a decomposition's bounds as the event's upper bound (objective), lower bound and gap.</summary>
    private sealed class AnalysisProgressSink(ProgressSink sink) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => sink.Report(new SolveProgress
        {
            Kind = ProgressKind.Log, Elapsed = value.Elapsed, Message = StockpileApplication.Line(value),
            Objective = value.UpperBoundUsd, BestBound = value.LowerBoundUsd, Gap = value.Gap,
        });
    }
}

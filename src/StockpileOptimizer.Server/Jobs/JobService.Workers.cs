using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class JobService
{
    /// <summary>Progress events stored per transaction, at most.</summary>
    private const int ProgressBatch = 500;

    /// <summary>One worker: takes queued ids until the service stops, one solve at a time.</summary>
    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (!stop.IsCancellationRequested && queue.Reader.TryRead(out var id))
                {
                    try
                    {
                        await RunAsync(id).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        // The store failed even to record the failure: the job stays as stored
                        // (QUEUED or RUNNING) and start-up recovery deals with it.
                        logger.WorkerCrashed(worker, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(string id)
    {
        if (await store.GetAsync(id, CancellationToken.None).ConfigureAwait(false) is not { State: JobState.Queued } job)
        {
            return; // cancelled while queued, or a second entry for a job already run
        }
        var run = new RunningJob(id, job.Fingerprint);
        // Registered before the job becomes RUNNING, so a cancel that sees RUNNING finds it here.
        if (!running.TryAdd(id, run))
        {
            return;
        }
        try
        {
            var submission = await store.GetSubmissionAsync(id, CancellationToken.None).ConfigureAwait(false)
                ?? throw new JobStoreException($"job {id}: its submission is missing from the store");
            var start = new JobTransition(JobState.Running, time.GetUtcNow(), Describe(submission));
            if (await TransitionAsync(id, JobState.Queued, start, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return;
            }
            await ExecuteAsync(run, submission).ConfigureAwait(false);
        }
        catch (JobStoreException e)
        {
            // The stored submission cannot be read: the job cannot run, ever.
            await FinishAsync(run, null, e).ConfigureAwait(false);
        }
        finally
        {
            running.TryRemove(id, out _);
            run.Finish();
        }
    }

    /// <summary>Runs a job that this service has moved to RUNNING (taken from the queue, or claimed), and stores its outcome.</summary>
    private async Task ExecuteAsync(RunningJob run, JobSubmission submission)
    {
        var solveOptions = Limits.Apply(submission.Options);
        logger.Running(run.Id, run.Fingerprint, solveOptions.TimeLimit!.Value.TotalSeconds, solveOptions.Threads);
        if (submission.Analysis is not null)
        {
            var (outcome, failure) = await AnalyseAsync(run, submission, solveOptions).ConfigureAwait(false);
            await FinishAnalysisAsync(run, outcome, failure).ConfigureAwait(false);
            return;
        }
        var (result, error) = await SolveAsync(run, submission.Instance, solveOptions).ConfigureAwait(false);
        await FinishAsync(run, result, error).ConfigureAwait(false);
    }

    /// <summary>The RUNNING event's message for a submission: a solve's or an analysis's.</summary>
    private string Describe(JobSubmission submission)
    {
        var solveOptions = Limits.Apply(submission.Options);
        return submission.Analysis is { } analysis
            ? DescribeAnalysis(submission.Instance, analysis, submission.Options, solveOptions)
            : Describe(submission.Options, solveOptions);
    }

    /// <summary>Runs the engine on its own thread, storing its progress as it comes.</summary>
    private async Task<(SolveResult? Result, Exception? Error)> SolveAsync(RunningJob run, StockpileInstance instance, SolveOptions solveOptions)
    {
        var sink = new ProgressSink(time);
        var pump = Task.Run(() => PumpAsync(run.Id, sink.Reader));
        try
        {
            var result = await Task.Factory.StartNew(
                () => StockpileSolver.Solve(instance, solveOptions, run.Token, sink),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            return (result, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
        finally
        {
            // Every progress event is stored before the terminal one.
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
                await AppendAsync(id, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.ProgressNotStored(id, e);
            }
            batch.Clear();
        }
    }

    /// <summary>Stores how the job ended: results are data (SUCCEEDED), not failures.</summary>
    private async Task FinishAsync(RunningJob run, SolveResult? result, Exception? error)
    {
        if (run.Reason == StopReason.Lost)
        {
            logger.OutcomeDropped(run.Id, run.Fingerprint);
            return;
        }
        var now = time.GetUtcNow();
        var interrupted = result?.Solver.Termination == Termination.Cancelled || error is OperationCanceledException;
        if (interrupted && run.Reason == StopReason.Shutdown)
        {
            var reason = shared is null ? "re-queued: the host is shutting down; the solve starts again when it is back" : HandedBack;
            if (await TransitionAsync(run.Id, JobState.Running, new JobTransition(JobState.Queued, now, reason), CancellationToken.None).ConfigureAwait(false) is not null)
            {
                logger.Requeued(run.Id, run.Fingerprint, reason);
            }
            return;
        }

        var change = Outcome(now, result, error);
        await TransitionAsync(run.Id, JobState.Running, change, CancellationToken.None).ConfigureAwait(false);
        if (change.To == JobState.Failed)
        {
            logger.Failed(run.Id, run.Fingerprint, change.Error!, error);
        }
        else
        {
            var facts = result?.Solver ?? new SolverFacts { Termination = Termination.Cancelled, Objective = double.NaN, Gap = double.NaN };
            logger.Finished(run.Id, change.To, run.Fingerprint, facts.Termination.ToString(), facts.Objective, facts.Gap, facts.WallSeconds);
        }
    }

    internal static JobTransition Outcome(DateTimeOffset now, SolveResult? result, Exception? error)
    {
        if (result is null)
        {
            return error switch
            {
                OperationCanceledException => new JobTransition(JobState.Cancelled, now, "cancelled before a feasible plan was found (no incumbent yet)"),
                InvalidInstanceException e => Failed(now, e.Message),
                _ => Failed(now, error?.Message ?? "the solve returned nothing"),
            };
        }
        var facts = result.Solver;
        // The engine's message already says what happened ("cancelled; best plan found so far, gap …");
        // without one, the termination ("optimal", "infeasible", …) is the message.
        var message = facts.Message.Length > 0 ? facts.Message : JsonNamingPolicy.KebabCaseLower.ConvertName(facts.Termination.ToString());
        return facts.Termination switch
        {
            // The solver gave up (numerical trouble, say): the job failed, but its result says how.
            Termination.Error => Failed(now, message) with { Result = result, Objective = facts.Objective, BestBound = facts.BestBound, Gap = facts.Gap },
            _ => new JobTransition(
                facts.Termination == Termination.Cancelled ? JobState.Cancelled : JobState.Succeeded,
                now, message, Result: result, Objective: facts.Objective, BestBound: facts.BestBound, Gap: facts.Gap),
        };
    }

    private static JobTransition Failed(DateTimeOffset now, string error) => new(JobState.Failed, now, $"failed: {error}", Error: error);

    /// <summary>The RUNNING event's message: what the solve runs with, and why where the server chose.</summary>
    private static string Describe(SolveOptions submitted, SolveOptions applied)
    {
        var limit = applied.TimeLimit!.Value;
        var note = submitted.TimeLimit switch
        {
            { } asked when asked > limit => string.Create(CultureInfo.InvariantCulture, $" (asked {asked.TotalSeconds:0.###} s; the server's maximum)"),
            { } asked when asked > TimeSpan.Zero => "",
            _ => " (the server's default)",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"running: {applied.Solver.ToString().ToUpperInvariant()}, time limit {limit.TotalSeconds:0.###} s{note}, " +
            $"{applied.Threads} solver thread{(applied.Threads == 1 ? "" : "s")}");
    }
}

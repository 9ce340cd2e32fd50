using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class JobService
{
    /// <summary>After the grace period, how long interrupted solves get to hand back before StopAsync returns anyway.</summary>
    private static readonly TimeSpan InterruptWait = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stopping = new();
    private Task workers = Task.CompletedTask;
    private int phase; // 0 new, 1 started, 2 stopped

    /// <summary>
    /// Recovers what a previous host left, queues every QUEUED job (oldest first) and starts the
    /// workers. Over a shared store only jobs whose lease has run out are recovered (the others
    /// belong to live replicas), and the workers claim from the store (JobService.Shared.cs).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref phase, 1, 0) != 0)
        {
            return;
        }
        if (shared is not null)
        {
            workers = await StartSharedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var (requeued, failed) = await RecoverAsync(cancellationToken).ConfigureAwait(false);
        var queued = await store.GetInStateAsync(JobState.Queued, cancellationToken).ConfigureAwait(false);
        foreach (var job in queued)
        {
            queue.Writer.TryWrite(job.Job.Id);
        }
        workers = Task.WhenAll(Enumerable.Range(1, Limits.ConcurrentSolves)
            .Select(worker => Task.Run(() => WorkAsync(worker, stopping.Token), CancellationToken.None)));
        logger.Started(store.Location, queued.Count, requeued, failed, Limits.ConcurrentSolves, Limits.ThreadsPerSolve);
    }

    /// <summary>
    /// Jobs left RUNNING by a host that died: back to QUEUED ("re-queued after host restart"),
    /// or FAILED with the reason when <see cref="JobOptions.OnRecovery"/> says so or the job
    /// has already been started <see cref="JobOptions.MaxAttempts"/> times.
    /// </summary>
    private async Task<(int Requeued, int Failed)> RecoverAsync(CancellationToken cancel)
    {
        var (requeued, failed) = (0, 0);
        foreach (var (job, attempts) in await store.GetInStateAsync(JobState.Running, cancel).ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            var reason = RecoveryFailure("the host stopped while the job was running", attempts);
            if (reason is null)
            {
                const string message = "re-queued after host restart";
                if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Queued, now, message), cancel).ConfigureAwait(false) is not null)
                {
                    logger.Requeued(job.Id, job.Fingerprint, message);
                    requeued++;
                }
            }
            else if (await TransitionAsync(job.Id, JobState.Running, new JobTransition(JobState.Failed, now, $"failed: {reason}", Error: reason), cancel)
                .ConfigureAwait(false) is not null)
            {
                logger.RecoveryFailed(job.Id, job.Fingerprint, reason);
                failed++;
            }
        }
        return (requeued, failed);
    }

    /// <summary>
    /// Why a job found abandoned in RUNNING (<paramref name="what"/> happened on its
    /// <paramref name="attempts"/>th start) is failed rather than re-queued; null to re-queue it.
    /// </summary>
    private string? RecoveryFailure(string what, int attempts) =>
        options.OnRecovery == RecoveryAction.Fail
            ? $"{what} (attempt {attempts}); {JobOptions.Section}:{nameof(JobOptions.OnRecovery)} is \"fail\""
            : attempts >= options.MaxAttempts
                ? $"{what}, {attempts} times; not retried ({JobOptions.Section}:{nameof(JobOptions.MaxAttempts)} is {options.MaxAttempts})"
                : null;

    /// <summary>
    /// Stops taking work; running solves get <see cref="JobOptions.ShutdownGraceSeconds"/> to
    /// finish, then are interrupted and put back to QUEUED, so the next start runs them. Jobs
    /// submitted from now on are stored QUEUED and run at the next start. Live watches end with
    /// <see cref="JobServiceStoppingException"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref phase, 2) != 1)
        {
            hub.Close();
            signals.Close();
            return;
        }
        logger.Stopping(running.Count, options.ShutdownGraceSeconds);
        await stopping.CancelAsync().ConfigureAwait(false); // idle workers leave; busy ones leave after their job
        try
        {
            if (!await FinishedWithin(TimeSpan.FromSeconds(options.ShutdownGraceSeconds), cancellationToken).ConfigureAwait(false))
            {
                foreach (var run in running.Values)
                {
                    logger.InterruptedAtShutdown(run.Id, run.Fingerprint);
                    run.Stop(StopReason.Shutdown);
                }
                if (!await FinishedWithin(InterruptWait, cancellationToken).ConfigureAwait(false))
                {
                    logger.StopTimedOut();
                }
            }
        }
        finally
        {
            hub.Close();
            signals.Close();
        }
    }

    private async Task<bool> FinishedWithin(TimeSpan wait, CancellationToken cancel)
    {
        try
        {
            await workers.WaitAsync(wait, time, cancel).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }
}

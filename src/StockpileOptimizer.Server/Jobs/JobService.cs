using Microsoft.Extensions.Options;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job system: submissions into a durable <see cref="IJobStore"/>, reads, cancels, watches,
/// start-up recovery and graceful shutdown. How jobs move between hosts is its coordinator's
/// (<see cref="IJobCoordinator"/>), picked once here from the store: one host with an in-process
/// queue, or replicas sharing a PostgreSQL store under leases.
/// </summary>
internal sealed class JobService : IJobService, IHostedService
{
    public const string SolveKind = JobKinds.Solve;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>How long CancelAsync waits for an interrupted solve to store its outcome.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    /// <summary>After the grace period, how long interrupted solves get to hand back before StopAsync returns anyway.</summary>
    private static readonly TimeSpan InterruptWait = TimeSpan.FromSeconds(10);

    private readonly IJobStore store;
    private readonly JobOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<JobService> logger;
    private readonly IJobCoordinator coordinator;
    private readonly CancellationTokenSource stopping = new();
    private Task workers = Task.CompletedTask;
    private int phase; // 0 new, 1 started, 2 stopped

    /// <param name="services">An <see cref="ISolveFarm"/> registered there runs the analyses' solves; without one they run in this process.</param>
    public JobService(
        IJobStore store, IOptions<JobOptions> options, IOptions<JobReplicaOptions> replica, TimeProvider time, ILogger<JobService> logger,
        IServiceProvider services)
        : this(store, options.Value, time, logger, Environment.ProcessorCount, replica.Value, services.GetService<ISolveFarm>())
    {
    }

    /// <param name="replica">How replicas share the store; used only when it is an <see cref="ISharedJobStore"/>. Defaults when null.</param>
    /// <param name="farm">Where the analyses' solves run (null: in this process).</param>
    internal JobService(
        IJobStore store, JobOptions options, TimeProvider time, ILogger<JobService> logger, int processors, JobReplicaOptions? replica = null,
        ISolveFarm? farm = null)
    {
        this.store = store;
        this.options = options;
        this.time = time;
        this.logger = logger;
        Limits = JobLimits.Fit(options, processors, out var adjustment);
        if (adjustment is not null)
        {
            logger.ThreadBudgetClamped(adjustment);
        }
        if (Limits.HoldSolves)
        {
            logger.SolvesHeld();
        }
        coordinator = JobCoordinator.Create(store, options, replica ?? new JobReplicaOptions(), Limits, time, logger, farm);
    }

    internal JobLimits Limits { get; }

    /// <exception cref="Grpc.Core.RpcException">
    /// FAILED_PRECONDITION: the request id names a job made from a different request; DATA_LOSS:
    /// that job's stored submission is damaged.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The job kind is not known, or does not match the analysis spec (an analysis needs a spec of
    /// its kind; a solve has none).
    /// </exception>
    public async Task<(JobSnapshot Job, bool Created)> SubmitAsync(JobSubmission submission, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(submission);
        CheckKind(submission);
        // The instance was validated, and is fingerprinted, once: by the caller that read the request.

        var now = time.GetUtcNow();
        var requestId = string.IsNullOrWhiteSpace(submission.RequestId) ? null : submission.RequestId;
        var job = new NewJob(
            Guid.CreateVersion7(now).ToString("N"), submission with { RequestId = requestId }, submission.Instance.Fingerprint, now);
        (JobSnapshot, bool) inserted;
        try
        {
            inserted = await store.InsertAsync(job, options.QueueCapacity, cancel).ConfigureAwait(false);
        }
        catch (RequestIdConflictException conflict)
        {
            throw JobErrors.Conflict(conflict);
        }
        catch (StoredJobDamagedException damaged)
        {
            throw JobErrors.Damaged(damaged, logger);
        }
        var (snapshot, created) = inserted;
        if (created)
        {
            logger.Queued(snapshot.Id, snapshot.Fingerprint, requestId);
            coordinator.Queued(snapshot.Id, submission);
        }
        return (snapshot, created);
    }

    public Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel) => store.GetAsync(id, cancel);

    public Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel) => Checked(store.GetResultAsync(id, cancel));

    public Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel) => Checked(store.GetAnalysisResultAsync(id, cancel));

    /// <summary>Damaged stored data is DATA_LOSS naming the job (<see cref="JobErrors.Damaged"/>).</summary>
    private async Task<T> Checked<T>(Task<T> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (StoredJobDamagedException damaged)
        {
            throw JobErrors.Damaged(damaged, logger);
        }
    }

    /// <summary>A page size of 0 or less means <see cref="DefaultPageSize"/>; larger than <see cref="MaxPageSize"/> is capped.</summary>
    /// <exception cref="ArgumentException">The page token was not issued by a previous page.</exception>
    public Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel) =>
        store.ListAsync(state, pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize), pageToken, cancel);

    public async Task<JobSnapshot?> CancelAsync(string id, CancellationToken cancel)
    {
        // A few rounds: a queued job may be taken by a worker between our read and our change.
        for (var round = 0; ; round++)
        {
            var job = await store.GetAsync(id, cancel).ConfigureAwait(false);
            if (job is null || job.State.IsTerminal() || round == 4)
            {
                return job;
            }
            if (job.State == JobState.Queued)
            {
                logger.CancelRequested(id, job.State, job.Fingerprint);
                var change = JobOutcomes.Cancelled(time.GetUtcNow(), "cancelled before it ran");
                if (await coordinator.TransitionAsync(id, JobState.Queued, change, cancel).ConfigureAwait(false) is { } cancelled)
                {
                    return cancelled;
                }
                continue;
            }
            if (!coordinator.Running.TryGetValue(id, out var run))
            {
                // RUNNING in the store but not here: another replica runs it (ask it), or it just
                // finished (the next read shows it), or a dead host left it and recovery has not run yet.
                if (await coordinator.CancelElsewhereAsync(job, cancel).ConfigureAwait(false) is { } answer)
                {
                    return answer;
                }
                continue;
            }
            logger.CancelRequested(id, job.State, job.Fingerprint);
            run.Stop(StopReason.Cancelled);
            try
            {
                await run.Finished.WaitAsync(CancelWait, time, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still extracting the plan; the caller sees RUNNING and the watch reports the end.
                return await store.GetAsync(id, cancel).ConfigureAwait(false);
            }
        }
    }

    public IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, CancellationToken cancel) =>
        coordinator.WatchAsync(id, afterSequence, cancel);

    /// <summary>
    /// Recovers what a previous host left and starts the workers (the coordinator's: over a shared
    /// store only jobs whose lease has run out are recovered, the others belong to live replicas).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref phase, 1, 0) != 0)
        {
            return;
        }
        workers = await coordinator.StartAsync(stopping.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops taking work; running solves get <see cref="JobOptions.ShutdownGrace"/> to finish,
    /// then are interrupted and put back to QUEUED, so the next start (or another replica) runs
    /// them. Jobs submitted from now on are stored QUEUED and run at the next start. Live watches
    /// end with <see cref="JobServiceStoppingException"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref phase, 2) != 1)
        {
            coordinator.Close();
            return;
        }
        logger.Stopping(coordinator.Running.Count, options.ShutdownGrace.TotalSeconds);
        await stopping.CancelAsync().ConfigureAwait(false); // idle workers leave; busy ones leave after their job
        try
        {
            if (!await FinishedWithin(options.ShutdownGrace, cancellationToken).ConfigureAwait(false))
            {
                foreach (var run in coordinator.Running.Values)
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
            coordinator.Close();
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
}

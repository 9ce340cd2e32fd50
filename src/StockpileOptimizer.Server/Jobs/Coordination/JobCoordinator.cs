using System.Collections.Concurrent;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>What both modes share: the store, the settings, the running jobs, the runner and the recovery rule.</summary>
internal abstract class JobCoordinator : IJobCoordinator
{
    protected JobCoordinator(IJobStore store, JobOptions options, JobLimits limits, TimeProvider time, ILogger logger, ISolveFarm? farm)
    {
        Store = store;
        Options = options;
        Limits = limits;
        Time = time;
        Logger = logger;
        Runner = new JobRunner(this, limits, time, logger, farm);
    }

    public ConcurrentDictionary<string, RunningJob> Running { get; } = new();

    protected IJobStore Store { get; }
    protected JobOptions Options { get; }
    protected JobLimits Limits { get; }
    protected TimeProvider Time { get; }
    protected ILogger Logger { get; }
    protected JobRunner Runner { get; }

    /// <summary>
    /// The mode, picked once from the store: shared (leases, notices) over an <see cref="ISharedJobStore"/>, else local.
    /// <paramref name="farm"/> runs the analyses' solves (null: in this process).
    /// </summary>
    public static IJobCoordinator Create(
        IJobStore store, JobOptions options, JobReplicaOptions replica, JobLimits limits, TimeProvider time, ILogger logger, ISolveFarm? farm = null) =>
        store is ISharedJobStore shared
            ? new SharedJobCoordinator(shared, options, replica, limits, time, logger, farm)
            : new LocalJobCoordinator(store, options, limits, time, logger, farm);

    public abstract Task<Task> StartAsync(CancellationToken stop, CancellationToken cancel);

    public abstract void Queued(string id, JobSubmission submission);

    public abstract Task<JobSnapshot?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel);

    public abstract Task AppendAsync(string id, IReadOnlyList<JobEventDraft> drafts);

    public abstract Task<JobSnapshot?> CancelElsewhereAsync(JobSnapshot job, CancellationToken cancel);

    public abstract IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, CancellationToken cancel);

    public abstract string HandBackMessage(string work);

    public abstract void Close();

    /// <summary>
    /// Why a job found abandoned in RUNNING (<paramref name="what"/> happened on its
    /// <paramref name="attempts"/>th start) is failed rather than re-queued; null to re-queue it.
    /// </summary>
    protected string? RecoveryFailure(string what, int attempts) =>
        Options.OnRecovery == RecoveryAction.Fail
            ? $"{what} (attempt {attempts}); {JobOptions.Section}:{nameof(JobOptions.OnRecovery)} is \"fail\""
            : attempts >= Options.MaxAttempts
                ? $"{what}, {attempts} times; not retried ({JobOptions.Section}:{nameof(JobOptions.MaxAttempts)} is {Options.MaxAttempts})"
                : null;
}

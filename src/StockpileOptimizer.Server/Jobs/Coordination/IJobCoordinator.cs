using System.Collections.Concurrent;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// How the job service moves jobs, in one of two modes picked once at start-up
/// (<see cref="JobCoordinator.Create"/>): <see cref="LocalJobCoordinator"/>, one host with an
/// in-process queue over its store, or <see cref="SharedJobCoordinator"/>, replicas sharing a
/// PostgreSQL store, claiming jobs under leases and hearing each other through notices.
/// </summary>
internal interface IJobCoordinator
{
    /// <summary>The jobs this host is running, by id; registered before they become RUNNING.</summary>
    ConcurrentDictionary<string, RunningJob> Running { get; }

    /// <summary>
    /// Recovers what a dead host (or replica) left and starts the workers; returns them as one
    /// task, which ends once <paramref name="stop"/> is cancelled and their jobs are done.
    /// </summary>
    Task<Task> StartAsync(CancellationToken stop, CancellationToken cancel);

    /// <summary>This host stored a new QUEUED job from <paramref name="submission"/> (its instance validated once, by the caller).</summary>
    void Queued(string id, JobSubmission submission);

    /// <summary>Stores a state change and tells watchers; null when the job was not in <paramref name="from"/> (or not this host's to change).</summary>
    Task<JobSnapshot?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel);

    /// <summary>Stores progress events of a job this host runs and tells watchers.</summary>
    Task AppendAsync(string id, IReadOnlyList<JobEventDraft> drafts);

    /// <summary>
    /// Cancels a job RUNNING in the store that this host does not run; null when the caller
    /// should read the job again (it may have just finished, or gone back to QUEUED).
    /// </summary>
    Task<JobSnapshot?> CancelElsewhereAsync(JobSnapshot job, CancellationToken cancel);

    /// <inheritdoc cref="IJobService.WatchAsync"/>
    IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, CancellationToken cancel);

    /// <summary>The message of a running job handed back to the queue at shutdown; <paramref name="work"/> is "solve" or "analysis".</summary>
    string HandBackMessage(string work);

    /// <summary>Ends every live watch (the service has stopped).</summary>
    void Close();
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Durable jobs and their numbered events. The store assigns event sequence numbers (1, 2, …
/// per job, no gaps) in the same transaction as the change they report, and refuses events
/// after a terminal state, so the terminal event is always the last. SQLite by default
/// (<see cref="SqliteJobStore"/>); a PostgreSQL store implements the same contract.
/// </summary>
public interface IJobStore : IDisposable
{
    /// <summary>Where the jobs are kept (a file path, or a server and database), for logs; no secrets.</summary>
    string Location { get; }

    /// <summary>
    /// Inserts a QUEUED job with its event 1, unless a job with the same request id exists:
    /// then that job is returned with Created = false. Both checks and the insert are one
    /// transaction.
    /// </summary>
    /// <exception cref="QueueFullException"><paramref name="maxQueued"/> jobs are QUEUED already.</exception>
    Task<(JobSnapshot Job, bool Created)> InsertAsync(NewJob job, int maxQueued, CancellationToken cancel);

    Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel);

    /// <summary>What the caller submitted, exactly: instance (not validated by this read), options, kind, analysis spec and request id.</summary>
    Task<StoredSubmission?> GetSubmissionAsync(string id, CancellationToken cancel);

    Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel);

    /// <summary>The stored result of an analysis job (<see cref="JobTransition.Analysis"/>); null when there is none.</summary>
    Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel);

    /// <summary>Newest first. <paramref name="pageToken"/> comes from the previous page.</summary>
    /// <exception cref="ArgumentException">The page token is not one this store issued.</exception>
    Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel);

    /// <summary>All jobs in one state, oldest first, with how often each has been started (for recovery).</summary>
    Task<IReadOnlyList<StoredJob>> GetInStateAsync(JobState state, CancellationToken cancel);

    Task<IReadOnlyList<JobEvent>> GetEventsAsync(string id, long afterSequence, CancellationToken cancel);

    /// <summary>
    /// Appends events (not state changes) in order. Returns them numbered; empty when the job is
    /// unknown or already finished.
    /// </summary>
    Task<IReadOnlyList<JobEvent>> AppendEventsAsync(string id, IReadOnlyList<JobEventDraft> events, CancellationToken cancel);

    /// <summary>
    /// Moves a job from <paramref name="from"/> to <paramref name="change"/>.To and appends the
    /// state event, atomically. Null when the job is not (or no longer) in <paramref name="from"/>.
    /// </summary>
    Task<(JobSnapshot Job, JobEvent Event)?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel);
}

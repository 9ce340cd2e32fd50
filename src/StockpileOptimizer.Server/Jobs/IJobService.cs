using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job system the gRPC services delegate to: a bounded queue, a fixed number of
/// concurrent solves, a durable store, cancellation and numbered events. The services hold
/// no model logic and no job logic; they map and call this.
/// </summary>
public interface IJobService
{
    /// <summary>
    /// Queues a solve, or an analysis (<see cref="JobSubmission.Analysis"/>). A submission whose <see cref="JobSubmission.RequestId"/> was seen before
    /// returns the existing job with Created = false (idempotent retry).
    /// </summary>
    /// <exception cref="QueueFullException">The queue holds its configured maximum.</exception>
    Task<(JobSnapshot Job, bool Created)> SubmitAsync(JobSubmission submission, CancellationToken cancel);

    Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel);

    /// <summary>The result of a finished job (SUCCEEDED, or CANCELLED with its best-so-far plan); null otherwise.</summary>
    Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel);

    /// <summary>
    /// The result of a finished analysis job (SUCCEEDED, or CANCELLED after it ran, with its
    /// partial result); null otherwise, and for solve jobs.
    /// </summary>
    Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel);

    /// <summary>Newest first; <paramref name="pageToken"/> is opaque and comes from the previous page.</summary>
    Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel);

    /// <summary>
    /// Cancels a job: a queued one ends CANCELLED without running; a running one has its solver
    /// interrupted and ends CANCELLED with the best plan found so far. Null for an unknown id;
    /// a finished job is returned unchanged.
    /// </summary>
    Task<JobSnapshot?> CancelAsync(string id, CancellationToken cancel);

    /// <summary>
    /// Events with sequence numbers greater than <paramref name="afterSequence"/>, first those
    /// already stored, then live ones, ending after the event that reports a terminal state.
    /// </summary>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    IAsyncEnumerable<JobEvent> WatchAsync(string id, long afterSequence, CancellationToken cancel);
}

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

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public enum JobEventKind
{
    /// <summary>The job changed state (<see cref="JobEvent.State"/> set).</summary>
    State,
    /// <summary>The solver reported an incumbent and/or bound.</summary>
    Incumbent,
    /// <summary>A log line (engine phase or solver log).</summary>
    Log,
}

/// <summary>
/// What a caller submits: the instance, the options of its solve (of each solve, for an
/// analysis), the kind (<see cref="JobKinds"/>) and, for an analysis, its spec, whose kind must
/// be the job's.
/// </summary>
public sealed record JobSubmission(
    string? RequestId, StockpileInstance Instance, SolveOptions Options, string Kind = JobKinds.Solve, AnalysisSpec? Analysis = null)
{
    /// <summary>An analysis job, its kind taken from the spec.</summary>
    public static JobSubmission For(string? requestId, StockpileInstance instance, SolveOptions options, AnalysisSpec analysis) =>
        new(requestId, instance, options, analysis.Kind, analysis);
}

public sealed record JobSnapshot(
    string Id,
    string? RequestId,
    string Kind,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Fingerprint,
    string? Error,
    long LastSequence);

public sealed record JobEvent(
    string JobId,
    long Sequence,
    DateTimeOffset Time,
    JobEventKind Kind,
    JobState? State,
    double? Objective,
    double? BestBound,
    double? Gap,
    string Message);

public sealed record JobPage(IReadOnlyList<JobSnapshot> Jobs, string? NextPageToken);

public sealed class QueueFullException(int capacity)
    : Exception($"the job queue is full ({capacity} jobs waiting); retry later")
{
    public int Capacity { get; } = capacity;
}

public sealed class JobNotFoundException(string id) : Exception($"no job with id \"{id}\"")
{
    public string JobId { get; } = id;
}

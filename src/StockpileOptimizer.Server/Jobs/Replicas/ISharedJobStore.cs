namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// What a job service needs from a store that several hosts ("replicas") share, beyond
/// <see cref="IJobStore"/>. A replica names itself with an owner string (unique per process,
/// e.g. host name, process id and a GUID) and holds each job it runs under a lease that it renews
/// well within the lease time; leases are measured in the database's clock (or a clock the store was opened with, in tests), so the replicas'
/// clocks do not matter. A job whose lease ran out belongs to nobody: any replica may recover it.
/// </summary>
public interface ISharedJobStore : IJobStore
{
    /// <summary>
    /// Takes the oldest QUEUED job that no other replica is taking at this moment
    /// (<c>FOR UPDATE SKIP LOCKED</c>: claims never wait on each other) and moves it to RUNNING
    /// for <paramref name="owner"/>, with its state event, atomically. The event's message is
    /// <paramref name="describe"/>(the submission). A job whose stored submission cannot be read
    /// is moved to FAILED instead, saying so, and returned with a null submission. Null when no
    /// job is queued.
    /// </summary>
    Task<ClaimedJob?> ClaimNextAsync(string owner, TimeSpan lease, DateTimeOffset time, Func<StoredSubmission, string> describe, CancellationToken cancel);

    /// <summary>
    /// Moves this QUEUED job to RUNNING for <paramref name="owner"/> (<paramref name="start"/>.To
    /// must be RUNNING). Of several replicas claiming the same job at once exactly one gets it;
    /// the others get null, as does a job no longer QUEUED.
    /// </summary>
    Task<(JobSnapshot Job, JobEvent Event)?> TryClaimAsync(string id, string owner, TimeSpan lease, JobTransition start, CancellationToken cancel);

    /// <summary>
    /// Extends the owner's lease on a RUNNING job to <paramref name="lease"/> from now and says
    /// whether someone asked to cancel it. <see cref="LeaseStatus.Lost"/>: the job is no longer this
    /// owner's (recovered by another replica after the lease ran out, or finished): stop working on it.
    /// </summary>
    Task<LeaseStatus> RenewLeaseAsync(string id, string owner, TimeSpan lease, CancellationToken cancel);

    /// <summary>As <see cref="IJobStore.AppendEventsAsync"/>, but only while <paramref name="owner"/> holds the RUNNING job.</summary>
    Task<IReadOnlyList<JobEvent>> AppendEventsAsync(string id, string owner, IReadOnlyList<JobEventDraft> events, CancellationToken cancel);

    /// <summary>
    /// Moves a RUNNING job that <paramref name="owner"/> holds to <paramref name="change"/>.To
    /// (finished, failed, cancelled, or back to QUEUED at shutdown), releasing it. Null when the
    /// owner no longer holds it: its result is then not stored over another replica's run.
    /// </summary>
    Task<(JobSnapshot Job, JobEvent Event)?> TransitionOwnedAsync(string id, string owner, JobTransition change, CancellationToken cancel);

    /// <summary>RUNNING jobs whose lease has run out or that have none, oldest first, with their attempts: what recovery looks at.</summary>
    Task<IReadOnlyList<StoredJob>> GetExpiredAsync(CancellationToken cancel);

    /// <summary>
    /// Moves a RUNNING job to <paramref name="change"/>.To (QUEUED or FAILED, for recovery) only if
    /// its lease is still expired: a replica that renewed in the meantime keeps its job.
    /// </summary>
    Task<(JobSnapshot Job, JobEvent Event)?> TransitionExpiredAsync(string id, JobTransition change, CancellationToken cancel);

    /// <summary>
    /// Asks the owner of a RUNNING job to cancel it; the owner learns it from its next
    /// <see cref="RenewLeaseAsync"/>, and listeners hear a notice with
    /// <see cref="JobEventNotice.CancelRequested"/> set, so the owner can renew at once. False when
    /// the job is not RUNNING.
    /// </summary>
    Task<bool> RequestCancelAsync(string id, CancellationToken cancel);

    /// <summary>
    /// Starts listening for notices of the events stored from now on, by any replica: when the
    /// returned task completes, every later commit is heard (so subscribe first, then read the
    /// store, as a watch does with its in-process hub). The listener holds one connection until
    /// disposed. Notices are not stored: after a <see cref="JobStoreException"/> (connection lost),
    /// listen again and read what was missed with <see cref="IJobStore.GetEventsAsync"/>.
    /// </summary>
    Task<IJobEventListener> ListenAsync(CancellationToken cancel);
}

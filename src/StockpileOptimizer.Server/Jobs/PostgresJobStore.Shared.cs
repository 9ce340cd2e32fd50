using static StockpileOptimizer.Server.Jobs.PostgresJobStoreRows;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// What a job service needs from a store that several hosts ("replicas") share, beyond
/// <see cref="IJobStore"/>. A replica names itself with an owner string (unique per process,
/// e.g. host name, process id and a GUID) and holds each job it runs under a lease that it renews
/// well within the lease time; leases are measured in the database's clock, so the replicas'
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
    Task<ClaimedJob?> ClaimNextAsync(string owner, TimeSpan lease, DateTimeOffset time, Func<JobSubmission, string> describe, CancellationToken cancel);

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

/// <summary>Notices of stored events, in commit order, for one reader.</summary>
public interface IJobEventListener : IAsyncDisposable
{
    /// <summary>Notices until cancelled (then <see cref="OperationCanceledException"/>) or the connection is lost (<see cref="JobStoreException"/>).</summary>
    IAsyncEnumerable<JobEventNotice> ReadAllAsync(CancellationToken cancel);
}

/// <summary>A claimed job: RUNNING with its state event, or FAILED (submission null) when its submission cannot be read.</summary>
public sealed record ClaimedJob(JobSnapshot Job, JobEvent Event, JobSubmission? Submission);

public enum LeaseStatus
{
    /// <summary>Still this owner's; carry on.</summary>
    Held,
    /// <summary>Still this owner's, and someone asked to cancel it: stop the solve and store CANCELLED.</summary>
    CancelRequested,
    /// <summary>No longer this owner's (or no longer RUNNING): stop, and store nothing more for it.</summary>
    Lost,
}

internal sealed partial class PostgresJobStore
{
    public Task<ClaimedJob?> ClaimNextAsync(
        string owner, TimeSpan lease, DateTimeOffset time, Func<JobSubmission, string> describe, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(describe);
        return InTransactionAsync(async s =>
        {
            // Locks the row to this transaction; a row another claim has locked is skipped, not waited for.
            var rows = await s.QueryAsync(
                r => (Id: r.GetString(0), Submission: TryReadSubmission(r)),
                """
                SELECT id, request_id, kind, instance_json, options_json, analysis_json FROM jobs
                WHERE state = 'QUEUED' ORDER BY ordinal LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, cancel).ConfigureAwait(false);
            if (rows is not [var (id, (submission, error))])
            {
                return null;
            }
            var change = submission is null
                ? new JobTransition(JobState.Failed, time, $"failed: the stored submission cannot be read ({error})", Error: $"the stored submission cannot be read ({error})")
                : new JobTransition(JobState.Running, time, describe(submission));
            var done = await ChangeStateAsync(s, id, JobState.Queued, change, Guard.None, owner, lease, cancel).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"job {id} was locked as QUEUED but could not be changed");
            return new ClaimedJob(done.Job, done.Event, submission);
        }, cancel);
    }

    public Task<(JobSnapshot Job, JobEvent Event)?> TryClaimAsync(string id, string owner, TimeSpan lease, JobTransition start, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (start.To != JobState.Running)
        {
            throw new ArgumentException($"a claim moves the job to RUNNING, not {start.To.ToName()}", nameof(start));
        }
        return InTransactionAsync(s => ChangeStateAsync(s, id, JobState.Queued, start, Guard.None, owner, lease, cancel), cancel);
    }

    public Task<LeaseStatus> RenewLeaseAsync(string id, string owner, TimeSpan lease, CancellationToken cancel) => InTransactionAsync(async s =>
    {
        var rows = await s.QueryAsync(
            r => r.GetBoolean(0),
            """
            UPDATE jobs SET lease_expires_at = clock_timestamp() + @lease
            WHERE id = @id AND state = 'RUNNING' AND owner = @owner
            RETURNING cancel_requested
            """, cancel,
            Text("id", id), Text("owner", owner), Interval("lease", lease)).ConfigureAwait(false);
        return rows switch
        {
            [true] => LeaseStatus.CancelRequested,
            [false] => LeaseStatus.Held,
            _ => LeaseStatus.Lost,
        };
    }, cancel);

    public Task<IReadOnlyList<JobEvent>> AppendEventsAsync(string id, string owner, IReadOnlyList<JobEventDraft> events, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return AppendAsync(id, owner, events, cancel);
    }

    public Task<(JobSnapshot Job, JobEvent Event)?> TransitionOwnedAsync(string id, string owner, JobTransition change, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (change.To == JobState.Running)
        {
            throw new ArgumentException("the job is RUNNING already; a held job can only finish or go back to QUEUED", nameof(change));
        }
        return InTransactionAsync(
            s => ChangeStateAsync(s, id, JobState.Running, change, Guard.Owner, owner: null, lease: TimeSpan.Zero, cancel, expectedOwner: owner), cancel);
    }

    public Task<IReadOnlyList<StoredJob>> GetExpiredAsync(CancellationToken cancel) => ReadAsync<IReadOnlyList<StoredJob>>(async s =>
        await s.QueryAsync(
            r => new StoredJob(Snapshot(r), r.GetInt32(10)),
            $"""
            SELECT {SnapshotColumns}, attempts FROM jobs
            WHERE state = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())
            ORDER BY ordinal
            """, cancel).ConfigureAwait(false), cancel);

    public Task<(JobSnapshot Job, JobEvent Event)?> TransitionExpiredAsync(string id, JobTransition change, CancellationToken cancel)
    {
        if (change.To == JobState.Running)
        {
            throw new ArgumentException("recovery moves a job to QUEUED or a terminal state, not RUNNING", nameof(change));
        }
        return InTransactionAsync(
            s => ChangeStateAsync(s, id, JobState.Running, change, Guard.LeaseExpired, owner: null, lease: TimeSpan.Zero, cancel), cancel);
    }

    public Task<bool> RequestCancelAsync(string id, CancellationToken cancel) => InTransactionAsync(async s =>
    {
        var updated = await s.QueryAsync(
            r => r.GetInt64(0),
            "UPDATE jobs SET cancel_requested = true WHERE id = @id AND state = 'RUNNING' RETURNING last_sequence", cancel,
            Text("id", id)).ConfigureAwait(false);
        if (updated is not [var last])
        {
            return false;
        }
        // The owner hears it at once (not only at its next renewal); delivered when this commits.
        await s.ExecuteAsync(
            "SELECT pg_notify(@channel, @payload)", cancel,
            Text("channel", NotifyChannel), Text("payload", JobEventNotice.FormatCancel(id, last))).ConfigureAwait(false);
        return true;
    }, cancel);

    private static (JobSubmission? Submission, string? Error) TryReadSubmission(Npgsql.NpgsqlDataReader r)
    {
        try
        {
            return (SubmissionOf(r, 1), null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, e.Message);
        }
    }
}

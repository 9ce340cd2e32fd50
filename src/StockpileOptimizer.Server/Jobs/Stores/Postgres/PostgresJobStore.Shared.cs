using static StockpileOptimizer.Server.Jobs.PostgresJobStoreRows;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class PostgresJobStore
{
    public Task<ClaimedJob?> ClaimNextAsync(
        string owner, TimeSpan lease, DateTimeOffset time, Func<StoredSubmission, string> describe, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(describe);
        return InTransactionAsync(async s =>
        {
            // Locks the row to this transaction; a row another claim has locked is skipped, not waited for.
            var rows = await s.QueryAsync(
                r => (Id: r.GetString(0), Submission: TryReadSubmission(r)),
                """
                SELECT id, request_id, kind, instance_json, options_json, analysis_json, submission_sha256 FROM jobs
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
            $"""
            UPDATE jobs SET lease_expires_at = {Now} + @lease
            WHERE id = @id AND state = 'RUNNING' AND owner = @owner
            RETURNING cancel_requested
            """, cancel,
            Text("id", id), Text("owner", owner), Interval("lease", lease), LeaseNow()).ConfigureAwait(false);
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
            WHERE state = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at <= {Now})
            ORDER BY ordinal
            """, cancel, LeaseNow()).ConfigureAwait(false), cancel);

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

    private static (StoredSubmission? Submission, string? Error) TryReadSubmission(Npgsql.NpgsqlDataReader r)
    {
        try
        {
            return (SubmissionOf(r, 1), null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ChecksumMismatchException)
        {
            return (null, e.Message);
        }
    }
}

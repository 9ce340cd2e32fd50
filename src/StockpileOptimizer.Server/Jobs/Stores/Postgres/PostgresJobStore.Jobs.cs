using StockpileOptimizer.Domain;
using static StockpileOptimizer.Server.Jobs.PostgresJobStoreRows;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class PostgresJobStore
{
    public Task<(JobSnapshot Job, bool Created)> InsertAsync(NewJob job, int maxQueued, CancellationToken cancel) => InTransactionAsync(async s =>
    {
        // Held to commit: the next insert (from any replica) waits, then sees this one.
        await s.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(@class, hashtext(@schema))", cancel,
            Int("class", PostgresJobStoreSchema.InsertLock), Text("schema", Schema)).ConfigureAwait(false);
        var submission = job.Submission;
        if (submission.RequestId is { } requestId
            && await s.QueryAsync(
                r => (Job: Snapshot(r), Options: r.GetString(10), Analysis: r.IsDBNull(11) ? null : r.GetString(11)),
                $"SELECT {SnapshotColumns}, options_json, analysis_json FROM jobs WHERE request_id = @request", cancel, Text("request", requestId))
                .ConfigureAwait(false) is [var existing])
        {
            RequestIdentity.Check(existing.Job.Id, existing.Job.Kind, existing.Job.Fingerprint, existing.Options, existing.Analysis, job);
            return (existing.Job, false);
        }
        var queued = (await s.QueryAsync(r => r.GetInt64(0), "SELECT count(*) FROM jobs WHERE state = 'QUEUED'", cancel).ConfigureAwait(false))[0];
        if (queued >= maxQueued)
        {
            throw new QueueFullException(maxQueued);
        }

        var createdAt = Microseconds(job.CreatedAt);
        var snapshot = new JobSnapshot(
            job.Id, submission.RequestId, submission.Kind, JobState.Queued, createdAt,
            StartedAt: null, FinishedAt: null, job.Fingerprint, Error: null, LastSequence: 1);
        var (instance, options, analysis) = (
            JobJson.Write(submission.Instance.Instance), JobJson.Write(submission.Options), submission.Analysis is { } spec ? JobJson.Write(spec) : null);
        await s.ExecuteAsync(
            """
            INSERT INTO jobs (id, request_id, kind, state, created_at, fingerprint, last_sequence, instance_json, options_json, analysis_json, submission_sha256)
            VALUES (@id, @request, @kind, 'QUEUED', @created, @fingerprint, 1, @instance, @options, @analysis, @checksum)
            """, cancel,
            Text("id", job.Id), Text("request", submission.RequestId), Text("kind", submission.Kind), Time("created", createdAt),
            Text("fingerprint", job.Fingerprint), Text("instance", instance), Text("options", options), Text("analysis", analysis),
            Text("checksum", StoredChecksum.Of(instance, options, analysis)))
            .ConfigureAwait(false);
        await StoreEventsAsync(s, [new JobEvent(job.Id, 1, createdAt, JobEventKind.State, JobState.Queued, null, null, null, "queued")], JobState.Queued, cancel)
            .ConfigureAwait(false);
        return (snapshot, true);
    }, cancel);

    public Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel) => ReadAsync(async s =>
        (await s.QueryAsync(r => Snapshot(r), $"SELECT {SnapshotColumns} FROM jobs WHERE id = @id", cancel, Text("id", id)).ConfigureAwait(false))
            .SingleOrDefault(), cancel);

    public Task<StoredSubmission?> GetSubmissionAsync(string id, CancellationToken cancel) => ReadAsync(async s =>
        (await s.QueryAsync(
            r => Read(id, "submission", () => SubmissionOf(r)),
            "SELECT request_id, kind, instance_json, options_json, analysis_json, submission_sha256 FROM jobs WHERE id = @id", cancel, Text("id", id)).ConfigureAwait(false))
            .SingleOrDefault(), cancel);

    public Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel) => ReadAsync(async s =>
        (await s.QueryAsync(
            r => r.IsDBNull(0) ? null : Read(id, "result", () => JobJson.ReadResult(Checked(r).Result!)),
            "SELECT result_json, analysis_result_json, result_sha256 FROM jobs WHERE id = @id", cancel, Text("id", id)).ConfigureAwait(false))
            .SingleOrDefault(), cancel);

    public Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel) => ReadAsync(async s =>
        (await s.QueryAsync(
            r => r.IsDBNull(1) ? null : Read(id, "analysis result", () => JobJson.ReadAnalysisResult(Checked(r).Analysis!)),
            "SELECT result_json, analysis_result_json, result_sha256 FROM jobs WHERE id = @id", cancel, Text("id", id)).ConfigureAwait(false))
            .SingleOrDefault(), cancel);

    public Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var before = JobPageToken.Parse(pageToken);
        return ReadAsync(async s =>
        {
            var rows = await s.QueryAsync(
                r => (Ordinal: r.GetInt64(0), Job: Snapshot(r, 1)),
                $"""
                SELECT ordinal, {SnapshotColumns} FROM jobs
                WHERE {(state is null ? "" : "state = @state AND ")}ordinal < @before
                ORDER BY ordinal DESC LIMIT @limit
                """, cancel,
                Text("state", state?.ToName()), BigInt("before", before), Int("limit", pageSize + 1)).ConfigureAwait(false);
            var page = rows.Take(pageSize).ToList();
            var next = rows.Count > pageSize ? JobPageToken.Format(page[^1].Ordinal) : null;
            return new JobPage(page.Select(row => row.Job).ToList(), next);
        }, cancel);
    }

    public Task<IReadOnlyList<StoredJob>> GetInStateAsync(JobState state, CancellationToken cancel) => ReadAsync<IReadOnlyList<StoredJob>>(async s =>
        await s.QueryAsync(
            r => new StoredJob(Snapshot(r), r.GetInt32(10)),
            $"SELECT {SnapshotColumns}, attempts FROM jobs WHERE state = @state ORDER BY ordinal", cancel, Text("state", state.ToName()))
            .ConfigureAwait(false), cancel);

    public Task<(JobSnapshot Job, JobEvent Event)?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel) =>
        InTransactionAsync(s => ChangeStateAsync(s, id, from, change, Guard.None, owner: null, lease: TimeSpan.Zero, cancel), cancel);

    /// <summary>What a state change requires besides the job being in the expected state.</summary>
    private enum Guard
    {
        None,
        /// <summary>The job is held by the owner given as @expected.</summary>
        Owner,
        /// <summary>The job's lease has run out (or it never had one).</summary>
        LeaseExpired,
    }

    /// <summary>
    /// The conditional update every state change goes through: the job's row is locked by the
    /// UPDATE until commit, so of two concurrent changes from the same state only the first
    /// applies; the second re-reads the row, finds the new state and changes nothing. Entering
    /// RUNNING with an <paramref name="owner"/> records it with a lease; any other change clears both.
    /// </summary>
    private async Task<(JobSnapshot Job, JobEvent Event)?> ChangeStateAsync(
        PostgresSession s, string id, JobState from, JobTransition change, Guard guard, string? owner, TimeSpan lease,
        CancellationToken cancel, string? expectedOwner = null)
    {
        var condition = guard switch
        {
            Guard.Owner => " AND owner = @expected",
            Guard.LeaseExpired => $" AND (lease_expires_at IS NULL OR lease_expires_at <= {Now})",
            _ => "",
        };
        var result = change.Result is { } solved ? JobJson.Write(solved) : null;
        var analysis = change.Analysis is { } analysed ? JobJson.Write(analysed) : null;
        var updated = await s.QueryAsync(
            r => Snapshot(r),
            $"""
            UPDATE jobs SET
                state = @to,
                last_sequence = last_sequence + 1,
                started_at = CASE WHEN @to = 'RUNNING' THEN @time WHEN @to = 'QUEUED' THEN NULL ELSE started_at END,
                finished_at = @finished,
                attempts = attempts + (CASE WHEN @to = 'RUNNING' THEN 1 ELSE 0 END),
                error = @error,
                result_json = @result,
                analysis_result_json = @analysis,
                result_sha256 = @checksum,
                owner = @owner,
                lease_expires_at = CASE WHEN @owner IS NULL THEN NULL ELSE {Now} + @lease END,
                cancel_requested = false
            WHERE id = @id AND state = @from{condition}
            RETURNING {SnapshotColumns}
            """, cancel,
            Text("id", id), Text("from", from.ToName()), Text("to", change.To.ToName()), Time("time", change.Time),
            Time("finished", change.To.IsTerminal() ? change.Time : null), Text("error", change.Error),
            Text("result", result), Text("analysis", analysis), Text("checksum", StoredChecksum.OfStored(result, analysis)),
            Text("owner", change.To == JobState.Running ? owner : null), Interval("lease", lease), Text("expected", expectedOwner), LeaseNow())
            .ConfigureAwait(false);
        if (updated is not [var job])
        {
            return null;
        }
        var stateEvent = new JobEvent(
            id, job.LastSequence, Microseconds(change.Time), JobEventKind.State, change.To,
            JobStates.Finite(change.Objective), JobStates.Finite(change.BestBound), JobStates.Finite(change.Gap), change.Message);
        await StoreEventsAsync(s, [stateEvent], change.To, cancel).ConfigureAwait(false);
        return (job, stateEvent);
    }

    /// <summary>A submission read as (request_id, kind, instance_json, options_json, analysis_json, submission_sha256) from <paramref name="first"/>, checked against its checksum.</summary>
    private static StoredSubmission SubmissionOf(Npgsql.NpgsqlDataReader r, int first = 0)
    {
        var analysis = r.IsDBNull(first + 4) ? null : r.GetString(first + 4);
        StoredChecksum.Verify(r.IsDBNull(first + 5) ? null : r.GetString(first + 5), r.GetString(first + 2), r.GetString(first + 3), analysis);
        return new(
            r.IsDBNull(first) ? null : r.GetString(first),
            JobJson.ReadInstance(r.GetString(first + 2)),
            JobJson.ReadOptions(r.GetString(first + 3)),
            r.GetString(first + 1),
            analysis is null ? null : JobJson.ReadAnalysisSpec(analysis));
    }

    /// <summary>The stored results of a row read as (result_json, analysis_result_json, result_sha256), checked against their checksum.</summary>
    private static (string? Result, string? Analysis) Checked(Npgsql.NpgsqlDataReader r)
    {
        var (result, analysis) = (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
        StoredChecksum.Verify(r.IsDBNull(2) ? null : r.GetString(2), result, analysis);
        return (result, analysis);
    }

    /// <summary>Stored JSON that no longer reads, or no longer matches its checksum, is reported as damage to the job it belongs to.</summary>
    private T Read<T>(string id, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ChecksumMismatchException)
        {
            throw new StoredJobDamagedException(id, $"job {id} in {Location}: the stored {what} cannot be read ({e.Message})", e);
        }
    }
}

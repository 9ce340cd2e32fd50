using static StockpileOptimizer.Server.Jobs.SqliteRows;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class SqliteJobStore
{
    public Task<(JobSnapshot Job, bool Created)> InsertAsync(NewJob job, int maxQueued, CancellationToken cancel) => InTransactionAsync(tx =>
    {
        var submission = job.Submission;
        if (submission.RequestId is { } requestId
            && tx.Query(
                r => (Job: Snapshot(r), Options: r.GetString(10), Analysis: r.IsDBNull(11) ? null : r.GetString(11)),
                $"SELECT {SnapshotColumns}, options_json, analysis_json FROM jobs WHERE request_id = $request", ("$request", requestId)) is [var existing])
        {
            RequestIdentity.Check(existing.Job.Id, existing.Job.Kind, existing.Job.Fingerprint, existing.Options, existing.Analysis, job);
            return (existing.Job, false);
        }
        var queued = tx.Query(r => r.GetInt64(0), "SELECT count(*) FROM jobs WHERE state = 'QUEUED'")[0];
        if (queued >= maxQueued)
        {
            throw new QueueFullException(maxQueued);
        }

        var snapshot = new JobSnapshot(
            job.Id, submission.RequestId, submission.Kind, JobState.Queued, job.CreatedAt.ToUniversalTime(),
            StartedAt: null, FinishedAt: null, job.Fingerprint, Error: null, LastSequence: 1);
        var (instance, options, analysis) = (
            JobJson.Write(submission.Instance.Instance), JobJson.Write(submission.Options), submission.Analysis is { } spec ? JobJson.Write(spec) : null);
        tx.Execute(
            """
            INSERT INTO jobs (id, request_id, kind, state, created_at, fingerprint, last_sequence, instance_json, options_json, analysis_json, submission_sha256)
            VALUES ($id, $request, $kind, 'QUEUED', $created, $fingerprint, 1, $instance, $options, $analysis, $checksum)
            """,
            ("$id", job.Id), ("$request", submission.RequestId), ("$kind", submission.Kind), ("$created", FormatTime(job.CreatedAt)),
            ("$fingerprint", job.Fingerprint), ("$instance", instance), ("$options", options), ("$analysis", analysis),
            ("$checksum", StoredChecksum.Of(instance, options, analysis)));
        tx.InsertEvent(new JobEvent(job.Id, 1, snapshot.CreatedAt, JobEventKind.State, JobState.Queued, null, null, null, "queued"));
        return (snapshot, true);
    }, cancel);

    public Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(r => Snapshot(r), $"SELECT {SnapshotColumns} FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<StoredSubmission?> GetSubmissionAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => Read(id, "submission", () =>
            {
                var analysis = r.IsDBNull(4) ? null : r.GetString(4);
                StoredChecksum.Verify(r.IsDBNull(5) ? null : r.GetString(5), r.GetString(2), r.GetString(3), analysis);
                return new StoredSubmission(
                    r.IsDBNull(0) ? null : r.GetString(0), JobJson.ReadInstance(r.GetString(2)), JobJson.ReadOptions(r.GetString(3)), r.GetString(1),
                    analysis is null ? null : JobJson.ReadAnalysisSpec(analysis));
            }),
            "SELECT request_id, kind, instance_json, options_json, analysis_json, submission_sha256 FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => r.IsDBNull(0) ? null : Read(id, "result", () => JobJson.ReadResult(Checked(r).Result!)),
            "SELECT result_json, analysis_result_json, result_sha256 FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => r.IsDBNull(1) ? null : Read(id, "analysis result", () => JobJson.ReadAnalysisResult(Checked(r).Analysis!)),
            "SELECT result_json, analysis_result_json, result_sha256 FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<JobPage> ListAsync(JobState? state, int pageSize, string? pageToken, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var before = JobPageToken.Parse(pageToken);
        return InTransactionAsync(tx =>
        {
            var rows = tx.Query(
                r => (Ordinal: r.GetInt64(0), Job: Snapshot(r, 1)),
                $"""
                SELECT ordinal, {SnapshotColumns} FROM jobs
                WHERE ($state IS NULL OR state = $state) AND ordinal < $before
                ORDER BY ordinal DESC LIMIT $limit
                """,
                ("$state", state?.ToName()), ("$before", before), ("$limit", pageSize + 1));
            var page = rows.Take(pageSize).ToList();
            var next = rows.Count > pageSize ? JobPageToken.Format(page[^1].Ordinal) : null;
            return new JobPage(page.Select(row => row.Job).ToList(), next);
        }, cancel, write: false);
    }

    public Task<IReadOnlyList<StoredJob>> GetInStateAsync(JobState state, CancellationToken cancel) => InTransactionAsync<IReadOnlyList<StoredJob>>(tx =>
        tx.Query(
            r => new StoredJob(Snapshot(r), r.GetInt32(10)),
            $"SELECT {SnapshotColumns}, attempts FROM jobs WHERE state = $state ORDER BY ordinal", ("$state", state.ToName())),
        cancel, write: false);

    public Task<(JobSnapshot Job, JobEvent Event)?> TransitionAsync(string id, JobState from, JobTransition change, CancellationToken cancel) =>
        InTransactionAsync<(JobSnapshot, JobEvent)?>(tx =>
        {
            var result = change.Result is { } solved ? JobJson.Write(solved) : null;
            var analysis = change.Analysis is { } analysed ? JobJson.Write(analysed) : null;
            var updated = tx.Query(
                r => Snapshot(r),
                $"""
                UPDATE jobs SET
                    state = $to,
                    last_sequence = last_sequence + 1,
                    started_at = CASE $to WHEN 'RUNNING' THEN $time WHEN 'QUEUED' THEN NULL ELSE started_at END,
                    finished_at = $finished,
                    attempts = attempts + (CASE $to WHEN 'RUNNING' THEN 1 ELSE 0 END),
                    error = $error,
                    result_json = $result,
                    analysis_result_json = $analysis,
                    result_sha256 = $checksum
                WHERE id = $id AND state = $from
                RETURNING {SnapshotColumns}
                """,
                ("$id", id), ("$from", from.ToName()), ("$to", change.To.ToName()), ("$time", FormatTime(change.Time)),
                ("$finished", change.To.IsTerminal() ? FormatTime(change.Time) : null), ("$error", change.Error),
                ("$result", result), ("$analysis", analysis), ("$checksum", StoredChecksum.OfStored(result, analysis)));
            if (updated is not [var job])
            {
                return null;
            }
            var stateEvent = new JobEvent(
                id, job.LastSequence, change.Time, JobEventKind.State, change.To,
                JobStates.Finite(change.Objective), JobStates.Finite(change.BestBound), JobStates.Finite(change.Gap), change.Message);
            tx.InsertEvent(stateEvent);
            return (job, stateEvent);
        }, cancel);

    /// <summary>The stored results of a row read as (result_json, analysis_result_json, result_sha256), checked against their checksum.</summary>
    private static (string? Result, string? Analysis) Checked(Microsoft.Data.Sqlite.SqliteDataReader r)
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
            throw new StoredJobDamagedException(id, $"job {id} in {FilePath}: the stored {what} cannot be read ({e.Message})", e);
        }
    }
}

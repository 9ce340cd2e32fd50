using static StockpileOptimizer.Server.Jobs.SqliteRows;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class SqliteJobStore
{
    public Task<(JobSnapshot Job, bool Created)> InsertAsync(NewJob job, int maxQueued, CancellationToken cancel) => InTransactionAsync(tx =>
    {
        var submission = job.Submission;
        if (submission.RequestId is { } requestId
            && tx.Query(r => Snapshot(r), $"SELECT {SnapshotColumns} FROM jobs WHERE request_id = $request", ("$request", requestId)) is [var existing])
        {
            return (existing, false);
        }
        var queued = tx.Query(r => r.GetInt64(0), "SELECT count(*) FROM jobs WHERE state = 'QUEUED'")[0];
        if (queued >= maxQueued)
        {
            throw new QueueFullException(maxQueued);
        }

        var snapshot = new JobSnapshot(
            job.Id, submission.RequestId, submission.Kind, JobState.Queued, job.CreatedAt.ToUniversalTime(),
            StartedAt: null, FinishedAt: null, job.Fingerprint, Error: null, LastSequence: 1);
        tx.Execute(
            """
            INSERT INTO jobs (id, request_id, kind, state, created_at, fingerprint, last_sequence, instance_json, options_json, analysis_json)
            VALUES ($id, $request, $kind, 'QUEUED', $created, $fingerprint, 1, $instance, $options, $analysis)
            """,
            ("$id", job.Id), ("$request", submission.RequestId), ("$kind", submission.Kind), ("$created", FormatTime(job.CreatedAt)),
            ("$fingerprint", job.Fingerprint), ("$instance", JobJson.Write(submission.Instance)), ("$options", JobJson.Write(submission.Options)),
            ("$analysis", submission.Analysis is { } analysis ? JobJson.Write(analysis) : null));
        tx.InsertEvent(new JobEvent(job.Id, 1, snapshot.CreatedAt, JobEventKind.State, JobState.Queued, null, null, null, "queued"));
        return (snapshot, true);
    }, cancel);

    public Task<JobSnapshot?> GetAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(r => Snapshot(r), $"SELECT {SnapshotColumns} FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<JobSubmission?> GetSubmissionAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => Read(id, "submission", () => new JobSubmission(
                r.IsDBNull(0) ? null : r.GetString(0), JobJson.ReadInstance(r.GetString(2)), JobJson.ReadOptions(r.GetString(3)), r.GetString(1),
                r.IsDBNull(4) ? null : JobJson.ReadAnalysisSpec(r.GetString(4)))),
            "SELECT request_id, kind, instance_json, options_json, analysis_json FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<SolveResult?> GetResultAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => r.IsDBNull(0) ? null : Read(id, "result", () => JobJson.ReadResult(r.GetString(0))),
            "SELECT result_json FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
        cancel, write: false);

    public Task<AnalysisResult?> GetAnalysisResultAsync(string id, CancellationToken cancel) => InTransactionAsync(tx =>
        tx.Query(
            r => r.IsDBNull(0) ? null : Read(id, "analysis result", () => JobJson.ReadAnalysisResult(r.GetString(0))),
            "SELECT analysis_result_json FROM jobs WHERE id = $id", ("$id", id)).SingleOrDefault(),
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
                    analysis_result_json = $analysis
                WHERE id = $id AND state = $from
                RETURNING {SnapshotColumns}
                """,
                ("$id", id), ("$from", from.ToName()), ("$to", change.To.ToName()), ("$time", FormatTime(change.Time)),
                ("$finished", change.To.IsTerminal() ? FormatTime(change.Time) : null), ("$error", change.Error),
                ("$result", change.Result is { } result ? JobJson.Write(result) : null),
                ("$analysis", change.Analysis is { } analysis ? JobJson.Write(analysis) : null));
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

    /// <summary>Stored JSON that no longer reads is reported with the job it belongs to.</summary>
    private T Read<T>(string id, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JobStoreException($"job {id} in {FilePath}: the stored {what} cannot be read ({e.Message})", e);
        }
    }
}

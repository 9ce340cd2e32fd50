using static StockpileOptimizer.Server.Jobs.SqliteRows;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class SqliteJobStore
{
    public Task<IReadOnlyList<JobEvent>> GetEventsAsync(string id, long afterSequence, CancellationToken cancel) =>
        InTransactionAsync<IReadOnlyList<JobEvent>>(tx => tx.Query(
            Event,
            $"SELECT {EventColumns} FROM job_events WHERE job_id = $id AND sequence > $after ORDER BY sequence",
            ("$id", id), ("$after", afterSequence)), cancel, write: false);

    public Task<IReadOnlyList<JobEvent>> AppendEventsAsync(string id, IReadOnlyList<JobEventDraft> events, CancellationToken cancel)
    {
        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<JobEvent>>([]);
        }
        return InTransactionAsync<IReadOnlyList<JobEvent>>(tx =>
        {
            // Reserve the numbers in one step; a finished job takes no more events.
            var reserved = tx.Query(
                r => r.GetInt64(0),
                """
                UPDATE jobs SET last_sequence = last_sequence + $count
                WHERE id = $id AND state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
                RETURNING last_sequence
                """,
                ("$id", id), ("$count", events.Count));
            if (reserved is not [var last])
            {
                return [];
            }
            var numbered = events
                .Select((d, i) => new JobEvent(
                    id, last - events.Count + 1 + i, d.Time, d.Kind, null,
                    JobStates.Finite(d.Objective), JobStates.Finite(d.BestBound), JobStates.Finite(d.Gap), d.Message))
                .ToList();
            foreach (var e in numbered)
            {
                tx.InsertEvent(e);
            }
            return numbered;
        }, cancel);
    }
}

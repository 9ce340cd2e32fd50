using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using static StockpileOptimizer.Server.Jobs.PostgresJobStoreRows;

namespace StockpileOptimizer.Server.Jobs;

internal sealed partial class PostgresJobStore
{
    public Task<IReadOnlyList<JobEvent>> GetEventsAsync(string id, long afterSequence, CancellationToken cancel) =>
        ReadAsync<IReadOnlyList<JobEvent>>(async s => await s.QueryAsync(
            Event,
            $"SELECT {EventColumns} FROM job_events WHERE job_id = @id AND sequence > @after ORDER BY sequence", cancel,
            Text("id", id), BigInt("after", afterSequence)).ConfigureAwait(false), cancel);

    public Task<IReadOnlyList<JobEvent>> AppendEventsAsync(string id, IReadOnlyList<JobEventDraft> events, CancellationToken cancel) =>
        AppendAsync(id, owner: null, events, cancel);

    /// <summary>
    /// Reserves numbers for <paramref name="events"/> by raising the job's last_sequence: the
    /// UPDATE locks the job's row until commit, so a concurrent append (or state change) of the
    /// same job waits and numbers after these. A finished job (or, with an owner, one the owner
    /// no longer holds) takes no events.
    /// </summary>
    private Task<IReadOnlyList<JobEvent>> AppendAsync(string id, string? owner, IReadOnlyList<JobEventDraft> events, CancellationToken cancel)
    {
        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<JobEvent>>([]);
        }
        return InTransactionAsync<IReadOnlyList<JobEvent>>(async s =>
        {
            var reserved = await s.QueryAsync(
                r => (Last: r.GetInt64(0), State: JobStates.Parse<JobState>(r.GetString(1))),
                $"""
                UPDATE jobs SET last_sequence = last_sequence + @count
                WHERE id = @id AND state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED'){(owner is null ? "" : " AND state = 'RUNNING' AND owner = @owner")}
                RETURNING last_sequence, state
                """, cancel,
                Text("id", id), BigInt("count", events.Count), Text("owner", owner)).ConfigureAwait(false);
            if (reserved is not [var (last, state)])
            {
                return [];
            }
            var numbered = events
                .Select((d, i) => new JobEvent(
                    id, last - events.Count + 1 + i, Microseconds(d.Time), d.Kind, null,
                    JobStates.Finite(d.Objective), JobStates.Finite(d.BestBound), JobStates.Finite(d.Gap), d.Message))
                .ToList();
            await StoreEventsAsync(s, numbered, state, cancel).ConfigureAwait(false);
            return numbered;
        }, cancel);
    }

    /// <summary>
    /// Inserts numbered events of one job and notifies this schema's channel with the job's new
    /// last sequence and state; PostgreSQL delivers the notice when (and only if) the transaction commits.
    /// </summary>
    private async Task StoreEventsAsync(PostgresSession s, IReadOnlyList<JobEvent> events, JobState state, CancellationToken cancel)
    {
        await s.InsertEventsAsync(events, cancel).ConfigureAwait(false);
        var last = events[^1];
        await s.ExecuteAsync(
            "SELECT pg_notify(@channel, @payload)", cancel,
            Text("channel", NotifyChannel), Text("payload", JobEventNotice.Format(last.JobId, last.Sequence, state))).ConfigureAwait(false);
    }

    public async Task<IJobEventListener> ListenAsync(CancellationToken cancel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await listenSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
            var listener = new PostgresJobEventListener(connection, NotifyChannel, Location);
            // A quoted identifier: the channel name is ours, lower-case hex, no quotes in it.
            await new PostgresSession(connection, null).ExecuteAsync($"LISTEN \"{NotifyChannel}\"", cancel).ConfigureAwait(false);
            return listener;
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            if (e is NpgsqlException npgsql && !cancel.IsCancellationRequested)
            {
                throw Explain(Location, npgsql);
            }
            throw;
        }
    }

    /// <summary>
    /// One LISTEN connection; notices are queued as Npgsql delivers them (on the reader's
    /// thread, while it waits) and handed out in order. Disposing stops a waiting reader first.
    /// </summary>
    private sealed class PostgresJobEventListener : IJobEventListener
    {
        private readonly NpgsqlConnection connection;
        private readonly string location;
        private readonly Queue<JobEventNotice> pending = new();
        private readonly CancellationTokenSource closing = new();
        /// <summary>Held by the reader while it uses the connection.</summary>
        private readonly SemaphoreSlim busy = new(1, 1);
        private int reading;

        public PostgresJobEventListener(NpgsqlConnection connection, string channel, string location)
        {
            this.connection = connection;
            this.location = location;
            connection.Notification += (_, e) =>
            {
                if (e.Channel == channel && JobEventNotice.TryParse(e.Payload, out var notice))
                {
                    pending.Enqueue(notice);
                }
            };
        }

        public async IAsyncEnumerable<JobEventNotice> ReadAllAsync([EnumeratorCancellation] CancellationToken cancel)
        {
            if (Interlocked.Exchange(ref reading, 1) != 0)
            {
                throw new InvalidOperationException("a listener is read by one reader, once");
            }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, closing.Token);
            while (true)
            {
                // Notices that arrived with an earlier reply are queued already.
                while (pending.TryDequeue(out var notice))
                {
                    yield return notice;
                }
                await busy.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    await connection.WaitAsync(stop.Token).ConfigureAwait(false);
                }
                catch (NpgsqlException e) when (!stop.IsCancellationRequested)
                {
                    throw Explain(location, e);
                }
                finally
                {
                    busy.Release();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (closing.IsCancellationRequested)
            {
                return;
            }
            await closing.CancelAsync().ConfigureAwait(false);
            await busy.WaitAsync().ConfigureAwait(false); // the reader has left the connection
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

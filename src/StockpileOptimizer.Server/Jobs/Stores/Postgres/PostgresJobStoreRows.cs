using Npgsql;
using NpgsqlTypes;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>Commands, typed parameters and row readers shared by the PostgreSQL store's operations.</summary>
internal static class PostgresJobStoreRows
{
    /// <summary>The columns of a <see cref="JobSnapshot"/>, in the order <see cref="Snapshot"/> reads them.</summary>
    public const string SnapshotColumns =
        "id, request_id, kind, state, created_at, started_at, finished_at, fingerprint, error, last_sequence";

    public const string EventColumns = "job_id, sequence, time, kind, state, objective, best_bound, gap, message";

    public static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter BigInt(string name, long value) => new(name, NpgsqlDbType.Bigint) { Value = value };

    public static NpgsqlParameter Int(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };

    public static NpgsqlParameter Float(string name, double? value) =>
        new(name, NpgsqlDbType.Double) { Value = JobStates.Finite(value) is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } t ? Microseconds(t) : DBNull.Value };

    public static NpgsqlParameter Interval(string name, TimeSpan value) => new(name, NpgsqlDbType.Interval) { Value = value };

    /// <summary>
    /// UTC, cut to the microsecond: what a timestamptz column keeps. Values the store returns
    /// without reading them back go through this too, so they equal what a later read returns.
    /// </summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    public static JobSnapshot Snapshot(NpgsqlDataReader r, int first = 0) => new(
        Id: r.GetString(first),
        RequestId: r.IsDBNull(first + 1) ? null : r.GetString(first + 1),
        Kind: r.GetString(first + 2),
        State: JobStates.Parse<JobState>(r.GetString(first + 3)),
        CreatedAt: r.GetFieldValue<DateTimeOffset>(first + 4),
        StartedAt: r.IsDBNull(first + 5) ? null : r.GetFieldValue<DateTimeOffset>(first + 5),
        FinishedAt: r.IsDBNull(first + 6) ? null : r.GetFieldValue<DateTimeOffset>(first + 6),
        Fingerprint: r.GetString(first + 7),
        Error: r.IsDBNull(first + 8) ? null : r.GetString(first + 8),
        LastSequence: r.GetInt64(first + 9));

    public static JobEvent Event(NpgsqlDataReader r) => new(
        JobId: r.GetString(0),
        Sequence: r.GetInt64(1),
        Time: r.GetFieldValue<DateTimeOffset>(2),
        Kind: JobStates.Parse<JobEventKind>(r.GetString(3)),
        State: r.IsDBNull(4) ? null : JobStates.Parse<JobState>(r.GetString(4)),
        Objective: r.IsDBNull(5) ? null : r.GetDouble(5),
        BestBound: r.IsDBNull(6) ? null : r.GetDouble(6),
        Gap: r.IsDBNull(7) ? null : r.GetDouble(7),
        Message: r.GetString(8));
}

/// <summary>One connection and, for writes, its open transaction: what an operation runs its statements on.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancel, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    public async Task<List<T>> QueryAsync<T>(Func<NpgsqlDataReader, T> read, string sql, CancellationToken cancel, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>Inserts numbered events in one round trip.</summary>
    public async Task InsertEventsAsync(IReadOnlyList<JobEvent> events, CancellationToken cancel)
    {
        if (events.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(Connection, transaction);
        foreach (var e in events)
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO job_events ({PostgresJobStoreRows.EventColumns}) VALUES (@job, @sequence, @time, @kind, @state, @objective, @bound, @gap, @message)");
            command.Parameters.AddRange(new[]
            {
                PostgresJobStoreRows.Text("job", e.JobId), PostgresJobStoreRows.BigInt("sequence", e.Sequence),
                PostgresJobStoreRows.Time("time", e.Time), PostgresJobStoreRows.Text("kind", e.Kind.ToName()),
                PostgresJobStoreRows.Text("state", e.State?.ToName()), PostgresJobStoreRows.Float("objective", e.Objective),
                PostgresJobStoreRows.Float("bound", e.BestBound), PostgresJobStoreRows.Float("gap", e.Gap),
                PostgresJobStoreRows.Text("message", e.Message),
            });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}

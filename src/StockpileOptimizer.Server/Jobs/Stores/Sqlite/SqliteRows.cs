using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>Commands, parameters and row readers shared by the store's operations.</summary>
internal static class SqliteRows
{
    /// <summary>The columns of a <see cref="JobSnapshot"/>, in the order <see cref="Snapshot"/> reads them.</summary>
    public const string SnapshotColumns =
        "id, request_id, kind, state, created_at, started_at, finished_at, fingerprint, error, last_sequence";

    public const string EventColumns = "job_id, sequence, time, kind, state, objective, best_bound, gap, message";

    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public static int Execute(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = transaction.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(
        this SqliteTransaction transaction, Func<SqliteDataReader, T> read, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = transaction.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public static JobSnapshot Snapshot(SqliteDataReader r, int first = 0) => new(
        Id: r.GetString(first),
        RequestId: NullableString(r, first + 1),
        Kind: r.GetString(first + 2),
        State: JobStates.Parse<JobState>(r.GetString(first + 3)),
        CreatedAt: ParseTime(r.GetString(first + 4)),
        StartedAt: r.IsDBNull(first + 5) ? null : ParseTime(r.GetString(first + 5)),
        FinishedAt: r.IsDBNull(first + 6) ? null : ParseTime(r.GetString(first + 6)),
        Fingerprint: r.GetString(first + 7),
        Error: NullableString(r, first + 8),
        LastSequence: r.GetInt64(first + 9));

    public static JobEvent Event(SqliteDataReader r) => new(
        JobId: r.GetString(0),
        Sequence: r.GetInt64(1),
        Time: ParseTime(r.GetString(2)),
        Kind: JobStates.Parse<JobEventKind>(r.GetString(3)),
        State: r.IsDBNull(4) ? null : JobStates.Parse<JobState>(r.GetString(4)),
        Objective: r.IsDBNull(5) ? null : r.GetDouble(5),
        BestBound: r.IsDBNull(6) ? null : r.GetDouble(6),
        Gap: r.IsDBNull(7) ? null : r.GetDouble(7),
        Message: r.GetString(8));

    public static void InsertEvent(this SqliteTransaction transaction, JobEvent e) => transaction.Execute(
        $"INSERT INTO job_events ({EventColumns}) VALUES ($job, $sequence, $time, $kind, $state, $objective, $bound, $gap, $message)",
        ("$job", e.JobId), ("$sequence", e.Sequence), ("$time", FormatTime(e.Time)), ("$kind", e.Kind.ToName()),
        ("$state", e.State?.ToName()), ("$objective", JobStates.Finite(e.Objective)), ("$bound", JobStates.Finite(e.BestBound)),
        ("$gap", JobStates.Finite(e.Gap)), ("$message", e.Message));

    /// <summary>UTC, round-trip format: fixed width, so text order is time order.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

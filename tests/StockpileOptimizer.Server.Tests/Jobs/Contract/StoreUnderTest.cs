using StockpileOptimizer.TestData;
using Microsoft.Data.Sqlite;
using Npgsql;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Tests.Jobs.Postgres;

namespace StockpileOptimizer.Server.Tests.Jobs.Contract;

/// <summary>
/// One job store of either kind, for <see cref="JobStoreIntegrityContract"/>: opened, changed
/// behind its back with SQL (as a bad disk or a hand edit would), and reopened. A SQLite store
/// holds its file locked, so it is closed around each change; a PostgreSQL one lives in a
/// fresh schema dropped at the end.
/// </summary>
internal sealed class StoreUnderTest : IDisposable
{
    public const string Sqlite = "sqlite", Postgres = "postgres";

    private readonly string kind;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "stockpile-contract-" + Guid.NewGuid().ToString("N"));
    private readonly PostgresTestDatabase? database;

    public StoreUnderTest(string kind)
    {
        this.kind = kind;
        database = kind == Postgres ? new PostgresTestDatabase() : null;
        Store = Open();
    }

    /// <summary>The kinds to run the contract on: SQLite always, PostgreSQL when a server is given (<see cref="PostgresFactAttribute"/>).</summary>
    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string> { Sqlite };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)))
        {
            kinds.Add(Postgres);
        }
        return kinds;
    }

    public IJobStore Store { get; private set; }

    private string FilePath => Path.Combine(directory, "jobs.db");

    /// <summary>Runs <paramref name="sql"/> (parameters @id, @value) on the store's tables while the store is closed, then reopens it.</summary>
    public object? Change(string sql, string? id = null, string? value = null)
    {
        Store.Dispose();
        object? answer;
        if (database is null)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("@id", (object?)id ?? DBNull.Value);
            command.Parameters.AddWithValue("@value", (object?)value ?? DBNull.Value);
            answer = command.ExecuteScalar();
        }
        else
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", (object?)id ?? DBNull.Value);
            command.Parameters.AddWithValue("value", (object?)value ?? DBNull.Value);
            answer = command.ExecuteScalar();
        }
        Store = Open();
        return answer;
    }

    /// <summary>Takes the tables back to schema version 2 (no checksum columns), as a store written by the previous server.</summary>
    public void DowngradeToVersion2() => Change(database is null
        ? "ALTER TABLE jobs DROP COLUMN submission_sha256; ALTER TABLE jobs DROP COLUMN result_sha256; PRAGMA user_version = 2;"
        : "ALTER TABLE jobs DROP COLUMN submission_sha256, DROP COLUMN result_sha256; UPDATE stockpile_schema SET version = 2 WHERE component = 'jobs';");

    /// <summary>The tables' schema version as stored.</summary>
    public long SchemaVersion() => Convert.ToInt64(Change(database is null
        ? "PRAGMA user_version"
        : "SELECT version FROM stockpile_schema WHERE component = 'jobs'"));

    private IJobStore Open() => database is null ? SqliteJobStore.Open(FilePath) : database.Open();

    public override string ToString() => kind;

    public void Dispose()
    {
        Store.Dispose();
        database?.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

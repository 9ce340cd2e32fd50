using Npgsql;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Jobs.Postgres;

/// <summary>
/// A fresh schema in the test database (from <c>STOCKPILE_TEST_POSTGRES</c>), made on first use
/// and dropped with everything in it at the end, and stores opened on it: each store is a
/// "replica" with its own connection pool.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    private readonly Lazy<string> connectionString;
    private readonly List<PostgresJobStore> stores = [];

    public PostgresTestDatabase()
    {
        Schema = "stockpile_test_" + Guid.NewGuid().ToString("N")[..12];
        connectionString = new Lazy<string>(() =>
        {
            Execute($"CREATE SCHEMA {Schema}");
            return new NpgsqlConnectionStringBuilder(Server) { SearchPath = Schema }.ToString();
        });
    }

    /// <summary>The server's connection string, as the environment gives it.</summary>
    public static string Server => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
        ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set (use [PostgresFact])");

    public static string Password => new NpgsqlConnectionStringBuilder(Server).Password!;

    public string Schema { get; }

    /// <summary>The server's connection string with this test's schema as its search path.</summary>
    public string ConnectionString => connectionString.Value;

    /// <summary>Opens a store (a replica) on this test's schema, its leases in <paramref name="clock"/> (the database's when null); closed at the end.</summary>
    public PostgresJobStore Open(TimeProvider? clock = null)
    {
        var store = PostgresJobStore.Open(ConnectionString, clock);
        lock (stores)
        {
            stores.Add(store);
        }
        return store;
    }

    /// <summary>Runs SQL directly, with this test's schema first in the search path once it exists.</summary>
    public object? Execute(string sql)
    {
        var target = connectionString.IsValueCreated ? connectionString.Value : Server;
        using var connection = new NpgsqlConnection(target);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        lock (stores)
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
        if (connectionString.IsValueCreated)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }
    }
}

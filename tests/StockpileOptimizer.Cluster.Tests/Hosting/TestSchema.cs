using StockpileOptimizer.TestData;
using Npgsql;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// A fresh schema in the test database (<c>STOCKPILE_TEST_POSTGRES</c>), dropped with everything
/// in it at the end; <see cref="ConnectionString"/> has it as its search path, so Orleans'
/// tables land there.
/// </summary>
public sealed class TestSchema : IAsyncDisposable
{
    private TestSchema(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
        ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set (use [PostgresFact])");

    public static async Task<TestSchema> CreateAsync()
    {
        var name = "orleans_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(Server, $"CREATE SCHEMA {name}");
        return new TestSchema(name, new NpgsqlConnectionStringBuilder(Server) { SearchPath = name }.ToString());
    }

    /// <summary>Runs SQL in this schema; the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Server, $"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

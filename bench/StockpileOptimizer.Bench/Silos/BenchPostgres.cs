using System.Diagnostics;
using Npgsql;

namespace StockpileOptimizer.Bench.Silos;

/// <summary>
/// The PostgreSQL a cluster run needs for its membership table: <c>STOCKPILE_BENCH_POSTGRES</c>
/// (an Npgsql connection string of a role that may create schemas), else a throwaway server
/// started by the repository's <c>.ci/postgres.sh start</c> and stopped at the end. Every run
/// gets a fresh schema (its search path), dropped with everything in it at the end.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    public const string Variable = "STOCKPILE_BENCH_POSTGRES";

    private readonly string server;
    private readonly string? script;
    private readonly string? directory;

    private BenchPostgres(string server, string schema, string source, string? script, string? directory)
    {
        this.server = server;
        this.script = script;
        this.directory = directory;
        Schema = schema;
        Source = source;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }

    /// <summary>Where the server came from, for the report.</summary>
    public string Source { get; }

    public string Schema { get; }

    /// <summary>The server with the fresh schema as its search path.</summary>
    public string ConnectionString { get; }

    /// <summary>A database with a fresh schema, or null and why not.</summary>
    public static async Task<(BenchPostgres? Database, string Why)> OpenAsync(Action<string> log)
    {
        string server, source;
        string? script = null, directory = null;
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            (server, source) = (given, Variable);
        }
        else if (FindScript() is not { } found)
        {
            return (null, $"{Variable} is not set and .ci/postgres.sh was not found from {Environment.CurrentDirectory}");
        }
        else
        {
            log($"starting a throwaway PostgreSQL ({found} start)");
            var (exit, output, error) = await RunAsync(found, "start");
            var exports = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("export ", StringComparison.Ordinal))
                .Select(l => l["export ".Length..].Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Trim('\''));
            if (exit != 0 || !exports.TryGetValue("STOCKPILE_TEST_POSTGRES", out var started))
            {
                return (null, $".ci/postgres.sh start failed (exit {exit}): {error.Trim().Split('\n').LastOrDefault()}");
            }
            (server, source, script) = (started, "a throwaway server from .ci/postgres.sh", found);
            directory = exports.GetValueOrDefault("STOCKPILE_TEST_POSTGRES_DIR");
        }
        var schema = "bench_silos_" + Guid.NewGuid().ToString("N")[..10];
        var database = new BenchPostgres(server, schema, source, script, directory);
        try
        {
            await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
            return (database, "");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            await database.DisposeAsync();
            return (null, $"cannot use PostgreSQL from {source}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A server that is gone takes the schema with it.
        }
        if (script is not null && directory is not null)
        {
            await RunAsync(script, "stop", directory);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>.ci/postgres.sh in the working directory or one of its parents.</summary>
    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, ".ci", "postgres.sh");
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

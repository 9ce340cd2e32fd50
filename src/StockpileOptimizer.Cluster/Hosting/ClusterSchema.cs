using Npgsql;

namespace StockpileOptimizer.Cluster;

/// <summary>
/// Orleans' PostgreSQL tables for ADO.NET clustering (OrleansQuery, the membership tables and
/// their functions), from the scripts embedded in this assembly (Schema/*.sql, copied unchanged
/// from Orleans). Applied in one transaction under an advisory lock, so that several hosts may
/// start at once on an empty database: the first creates the tables, the others find them. Made
/// in the first schema of the connection's search path.
/// </summary>
public static class ClusterSchema
{
    /// <summary>The scripts in order, with the table whose absence means the script has not run (null: run every time, it is idempotent).</summary>
    private static readonly (string Script, string? Marker)[] Scripts =
    [
        ("PostgreSQL-Main.sql", "orleansquery"),
        ("PostgreSQL-Clustering.sql", "orleansmembershiptable"),
        ("PostgreSQL-Clustering-3.7.0.sql", null),
    ];

    /// <summary>
    /// Creates what is missing; returns the scripts it ran (empty when the tables were there).
    /// </summary>
    /// <exception cref="ClusterStartupException">The database cannot be reached, or the scripts fail there.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return await ApplyOnceAsync(connectionString, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !cancel.IsCancellationRequested)
        {
            throw new ClusterStartupException(
                $"Cluster:ConnectionString: cannot create or find Orleans' membership tables in that PostgreSQL database: {e.Message}", e);
        }
    }

    private static async Task<IReadOnlyList<string>> ApplyOnceAsync(string connectionString, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        // One lock per schema ("STKC" and a hash of the schema's name), released at commit.
        await ExecuteAsync(connection, transaction,
            "SELECT pg_advisory_xact_lock(1398033219, hashtext(coalesce(current_schema(), '')))", cancel).ConfigureAwait(false);
        var schema = await ExecuteAsync(connection, transaction, "SELECT current_schema()", cancel).ConfigureAwait(false);
        if (schema is not string)
        {
            throw new InvalidOperationException("the search path names no existing schema to create them in");
        }
        var ran = new List<string>();
        foreach (var (script, marker) in Scripts)
        {
            if (marker is not null && await ExecuteAsync(connection, transaction,
                    $"SELECT to_regclass('{marker}') IS NOT NULL", cancel).ConfigureAwait(false) is true)
            {
                continue;
            }
            await ExecuteAsync(connection, transaction, Read(script), cancel).ConfigureAwait(false);
            if (marker is not null)
            {
                ran.Add(script);
            }
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return ran;
    }

    /// <summary>The text of an embedded script.</summary>
    internal static string Read(string script)
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("StockpileOptimizer.Cluster.Schema." + script)
            ?? throw new InvalidOperationException($"embedded script {script} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
    }
}

/// <summary>The host's silo cannot start as it is set up (its membership database is unreachable or unusable).</summary>
public sealed class ClusterStartupException(string message, Exception inner) : Exception(message, inner);

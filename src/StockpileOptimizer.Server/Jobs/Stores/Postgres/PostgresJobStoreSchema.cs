using Npgsql;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The PostgreSQL store's tables and their version, created on first open. Tables are made in
/// the first schema of the connection's search path ("Search Path=…" in the connection string;
/// "public" by default), so several deployments can share one database in separate schemas.
/// </summary>
internal static class PostgresJobStoreSchema
{
    /// <summary>The version of the tables below, kept in <c>stockpile_schema</c>; a larger one was written by a newer server.</summary>
    public const int Version = 3;

    /// <summary>The row of <c>stockpile_schema</c> that holds the job tables' version.</summary>
    public const string Component = "jobs";

    /// <summary>
    /// First key of the transaction-scoped advisory locks the store takes (ASCII "STKP"); the
    /// second is a hash of the schema name, so stores in different schemas do not wait on each other.
    /// </summary>
    public const int LockClass = 0x53544B50;

    /// <summary>Serialises schema creation: several replicas may start at once on an empty database.</summary>
    public const int SchemaLock = LockClass;

    /// <summary>Serialises inserts, so the request-id lookup and the queue count see every earlier insert.</summary>
    public const int InsertLock = LockClass + 1;

    /// <summary>Versions of what this server keeps in the schema, one row per component.</summary>
    private const string VersionTable = """
        CREATE TABLE stockpile_schema (
            component text PRIMARY KEY,
            version   integer NOT NULL
        );
        """;

    /// <summary>The tables as schema version 1 made them; <see cref="Migrations"/> bring them to <see cref="Version"/>.</summary>
    internal const string Version1Tables = """
        CREATE TABLE jobs (
            ordinal          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order: list order and page tokens
            id               text NOT NULL UNIQUE,
            request_id       text UNIQUE,                        -- caller's idempotency key (NULLs are distinct)
            kind             text NOT NULL,
            state            text NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
            created_at       timestamptz NOT NULL,
            started_at       timestamptz,
            finished_at      timestamptz,
            fingerprint      text NOT NULL,                      -- SHA-256 of the canonical instance JSON
            error            text,
            attempts         integer NOT NULL DEFAULT 0,         -- times the job entered RUNNING
            last_sequence    bigint NOT NULL,                    -- sequence of its latest event
            instance_json    text NOT NULL,                      -- the submitted instance, as submitted (text: byte for byte)
            options_json     text NOT NULL,                      -- the submitted solve options, as submitted
            result_json      text,                               -- SUCCEEDED, or CANCELLED by the solver
            owner            text,                               -- the replica running it (claims); NULL otherwise
            lease_expires_at timestamptz,                        -- until when the owner holds it, in the database's clock
            cancel_requested boolean NOT NULL DEFAULT false      -- set by any replica, read by the owner with its lease
        );
        CREATE INDEX jobs_state ON jobs (state, ordinal);
        CREATE TABLE job_events (
            job_id     text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            sequence   bigint NOT NULL,                          -- 1, 2, … per job, no gaps
            time       timestamptz NOT NULL,
            kind       text NOT NULL CHECK (kind IN ('STATE', 'INCUMBENT', 'LOG')),
            state      text,                                     -- the new state, for STATE events
            objective  double precision,                         -- USD
            best_bound double precision,                         -- USD
            gap        double precision,                         -- fraction
            message    text NOT NULL,
            PRIMARY KEY (job_id, sequence)
        );
        """;

    /// <summary>
    /// <c>Migrations[i]</c> takes the tables from version i + 1 to i + 2, under the schema lock in
    /// the transaction that opens the store: new tables get <see cref="Version1Tables"/> and every
    /// migration, older ones the migrations they lack. Jobs stored before a migration keep working.
    /// </summary>
    internal static readonly string[] Migrations =
    [
        // 2: analysis jobs (cooperation, frontier, evaluation) keep their spec and their result.
        """
        ALTER TABLE jobs ADD COLUMN analysis_json text;        -- the analysis spec (JSON with its kind); NULL for a solve
        ALTER TABLE jobs ADD COLUMN analysis_result_json text; -- an analysis job's result: SUCCEEDED, or CANCELLED after running
        """,
        // 3: checksums of the stored JSON, checked on every read (rows written before have NULL: read unchecked).
        """
        ALTER TABLE jobs ADD COLUMN submission_sha256 text; -- StoredChecksum of instance_json, options_json, analysis_json
        ALTER TABLE jobs ADD COLUMN result_sha256 text;     -- StoredChecksum of result_json, analysis_result_json; NULL when both are
        """,
    ];

    /// <summary>
    /// Creates the tables if this schema has none, else checks their version. Returns the schema
    /// the tables live in.
    /// </summary>
    /// <exception cref="JobStoreException">No schema of the search path exists, or the tables are newer than this server.</exception>
    public static async Task<string> InitializeAsync(NpgsqlConnection connection, string location, CancellationToken cancel)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var session = new PostgresSession(connection, transaction);
        var schema = (await session.QueryAsync(r => r.IsDBNull(0) ? null : r.GetString(0), "SELECT current_schema()", cancel).ConfigureAwait(false))[0]
            ?? throw new JobStoreException(
                $"the job store {location} has no schema to use: no schema named in the connection's search path exists " +
                "(create it, or fix \"Search Path\" in the connection string)");
        await session.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(@class, hashtext(@schema))", cancel,
            PostgresJobStoreRows.Int("class", SchemaLock), PostgresJobStoreRows.Text("schema", schema)).ConfigureAwait(false);

        // Look before creating: a role without CREATE on the schema can still use tables made for it.
        var exists = (await session.QueryAsync(r => !r.IsDBNull(0), "SELECT to_regclass('stockpile_schema')", cancel).ConfigureAwait(false))[0];
        var version = exists
            ? (await session.QueryAsync(
                r => r.GetInt32(0), "SELECT version FROM stockpile_schema WHERE component = @component", cancel,
                PostgresJobStoreRows.Text("component", Component)).ConfigureAwait(false)).FirstOrDefault()
            : 0;
        if (version > Version)
        {
            throw new JobStoreException(
                $"the job store {location} has schema version {version}, newer than this server's {Version}; " +
                "use a newer server, or another database or schema");
        }
        if (!exists)
        {
            await session.ExecuteAsync(VersionTable, cancel).ConfigureAwait(false);
        }
        if (version == 0)
        {
            await session.ExecuteAsync(Version1Tables, cancel).ConfigureAwait(false);
            await session.ExecuteAsync(
                "INSERT INTO stockpile_schema (component, version) VALUES (@component, 1)", cancel,
                PostgresJobStoreRows.Text("component", Component)).ConfigureAwait(false);
        }
        var from = Math.Max(version, 1);
        for (var step = from; step < Version; step++)
        {
            await session.ExecuteAsync(Migrations[step - 1], cancel).ConfigureAwait(false);
        }
        if (from < Version)
        {
            await session.ExecuteAsync(
                "UPDATE stockpile_schema SET version = @version WHERE component = @component", cancel,
                PostgresJobStoreRows.Text("component", Component), PostgresJobStoreRows.Int("version", Version)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return schema;
    }
}

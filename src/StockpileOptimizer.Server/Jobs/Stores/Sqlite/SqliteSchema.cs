using Microsoft.Data.Sqlite;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>The store's tables, pragmas and version check, run once when the file is opened.</summary>
internal static class SqliteSchema
{
    /// <summary>PRAGMA user_version of the tables below; a file with a larger one was written by a newer server.</summary>
    public const int Version = 3;

    /// <summary>The tables as schema version 1 made them; <see cref="Migrations"/> bring them to <see cref="Version"/>.</summary>
    internal const string Version1Tables = """
        CREATE TABLE jobs (
            ordinal       INTEGER PRIMARY KEY AUTOINCREMENT, -- insertion order: list order and page tokens
            id            TEXT NOT NULL UNIQUE,
            request_id    TEXT,                              -- caller's idempotency key
            kind          TEXT NOT NULL,
            state         TEXT NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
            created_at    TEXT NOT NULL,                     -- ISO 8601, UTC
            started_at    TEXT,
            finished_at   TEXT,
            fingerprint   TEXT NOT NULL,                     -- SHA-256 of the canonical instance JSON
            error         TEXT,
            attempts      INTEGER NOT NULL DEFAULT 0,        -- times the job entered RUNNING
            last_sequence INTEGER NOT NULL,                  -- sequence of its latest event
            instance_json TEXT NOT NULL,                     -- the submitted instance, as submitted
            options_json  TEXT NOT NULL,                     -- the submitted solve options, as submitted
            result_json   TEXT                               -- SUCCEEDED, or CANCELLED by the solver
        );
        CREATE UNIQUE INDEX jobs_request_id ON jobs (request_id) WHERE request_id IS NOT NULL;
        CREATE INDEX jobs_state ON jobs (state, ordinal);
        CREATE TABLE job_events (
            job_id     TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            sequence   INTEGER NOT NULL,                     -- 1, 2, … per job, no gaps
            time       TEXT NOT NULL,
            kind       TEXT NOT NULL CHECK (kind IN ('STATE', 'INCUMBENT', 'LOG')),
            state      TEXT,                                 -- the new state, for STATE events
            objective  REAL,                                 -- USD
            best_bound REAL,                                 -- USD
            gap        REAL,                                 -- fraction
            message    TEXT NOT NULL,
            PRIMARY KEY (job_id, sequence)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// <c>Migrations[i]</c> takes the tables from version i + 1 to i + 2, in the transaction that
    /// opens the file: a new file gets <see cref="Version1Tables"/> and every migration, an older
    /// one the migrations it lacks. Jobs stored before a migration keep working.
    /// </summary>
    internal static readonly string[] Migrations =
    [
        // 2: analysis jobs (cooperation, frontier, evaluation) keep their spec and their result.
        """
        ALTER TABLE jobs ADD COLUMN analysis_json TEXT;        -- the analysis spec (JSON with its kind); NULL for a solve
        ALTER TABLE jobs ADD COLUMN analysis_result_json TEXT; -- an analysis job's result: SUCCEEDED, or CANCELLED after running
        """,
        // 3: checksums of the stored JSON, checked on every read (rows written before have NULL: read unchecked).
        """
        ALTER TABLE jobs ADD COLUMN submission_sha256 TEXT; -- StoredChecksum of instance_json, options_json, analysis_json
        ALTER TABLE jobs ADD COLUMN result_sha256 TEXT;     -- StoredChecksum of result_json, analysis_result_json; NULL when both are
        """,
    ];

    public static void Initialize(SqliteConnection connection, string path)
    {
        // Exclusive locking before WAL: no shared-memory index, and the file stays locked to
        // this connection from its first write until it closes.
        Scalar(connection, "PRAGMA locking_mode = EXCLUSIVE");
        var journal = Scalar(connection, "PRAGMA journal_mode = WAL");
        if (!"wal".Equals(journal as string, StringComparison.OrdinalIgnoreCase))
        {
            throw new JobStoreException($"the job store {path} cannot use write-ahead logging (journal mode is {journal})");
        }
        Scalar(connection, "PRAGMA synchronous = FULL");
        Scalar(connection, "PRAGMA foreign_keys = ON");
        if (Scalar(connection, "PRAGMA quick_check") is not "ok" and var problem)
        {
            throw new JobStoreException(
                $"the job store {path} is damaged (integrity check: {problem}). It was left as it is: " +
                "move it aside (a new empty store is then created) or restore it from a backup.");
        }

        // A write transaction takes the exclusive lock now, even when there is nothing to create.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version", transaction));
        if (version > Version)
        {
            throw new JobStoreException(
                $"the job store {path} has schema version {version}, newer than this server's {Version}; use a newer server or another data directory");
        }
        if (version < Version)
        {
            if (version == 0)
            {
                Scalar(connection, Version1Tables, transaction);
            }
            for (var from = Math.Max(version, 1); from < Version; from++)
            {
                Scalar(connection, Migrations[from - 1], transaction);
            }
            Scalar(connection, $"PRAGMA user_version = {Version}", transaction);
        }
        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}

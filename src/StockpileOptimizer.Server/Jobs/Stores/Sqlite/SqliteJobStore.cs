using Microsoft.Data.Sqlite;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The default job store: one SQLite file in WAL mode, tables <c>jobs</c> and <c>job_events</c>
/// (see <see cref="SqliteSchema"/>). One connection, used by one operation at a time, holds
/// the file in exclusive locking mode: a second host pointed at the same file fails at start-up
/// with a clear message instead of "recovering" the first host's running jobs.
/// </summary>
internal sealed partial class SqliteJobStore : IJobStore
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool disposed;

    private SqliteJobStore(string path, SqliteConnection connection)
    {
        FilePath = path;
        this.connection = connection;
    }

    public string FilePath { get; }

    public string Location => FilePath;

    /// <summary>Opens (creating if needed) the store file and checks it.</summary>
    /// <param name="busyTimeout">How long to wait for a lock held by someone else before giving up.</param>
    /// <exception cref="JobStoreException">The file is empty or not a database, is damaged, is locked, or cannot be created; the message names it.</exception>
    public static SqliteJobStore Open(string path, TimeSpan? busyTimeout = null)
    {
        path = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobStoreException($"cannot create the directory of the job store {path}: {e.Message}", e);
        }

        // SQLite takes a zero-length file for a new, empty database: a store truncated by a full
        // disk or a bad copy would then start empty, every job silently gone.
        if (File.Exists(path) && new FileInfo(path).Length == 0)
        {
            throw new JobStoreException(
                $"the job store {path} is an empty file (0 bytes), not a SQLite database. It was left as it is: " +
                "move it aside (a new empty store is then created) or restore it from a backup.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection would keep the file (and its exclusive lock) open after Dispose.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            SqliteSchema.Initialize(connection, path);
            return new SqliteJobStore(path, connection);
        }
        catch (Exception e)
        {
            connection.Dispose();
            throw e switch
            {
                SqliteException sqlite => Explain(path, sqlite),
                JobStoreException => e,
                _ => new JobStoreException($"cannot open the job store {path}: {e.Message}", e),
            };
        }
    }

    public void Dispose()
    {
        gate.Wait();
        try
        {
            if (!disposed)
            {
                disposed = true;
                connection.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection, inside one transaction that it commits.</summary>
    private async Task<T> InTransactionAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancel, bool write = true)
    {
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var transaction = connection.BeginTransaction(deferred: !write);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw Explain(FilePath, e);
        }
        finally
        {
            gate.Release();
        }
    }

    private static JobStoreException Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteErrorCodes.NotADatabase or SqliteErrorCodes.Corrupt => new JobStoreException(
            $"the job store {path} is not a SQLite database or is damaged ({e.Message}). It was left as it is: " +
            "move it aside (a new empty store is then created) or restore it from a backup.", e),
        SqliteErrorCodes.Busy or SqliteErrorCodes.Locked => new JobStoreException(
            $"the job store {path} is locked by another process ({e.Message}); is another server using the same data directory?", e),
        SqliteErrorCodes.CantOpen or SqliteErrorCodes.ReadOnly or SqliteErrorCodes.Permission => new JobStoreException(
            $"the job store {path} cannot be opened for writing ({e.Message}); check the path and its permissions.", e),
        _ => new JobStoreException($"job store {path}: {e.Message}", e),
    };

    /// <summary>SQLite primary result codes (sqlite3.h).</summary>
    private static class SqliteErrorCodes
    {
        public const int Permission = 3;
        public const int Busy = 5;
        public const int Locked = 6;
        public const int ReadOnly = 8;
        public const int Corrupt = 11;
        public const int CantOpen = 14;
        public const int NotADatabase = 26;
    }
}

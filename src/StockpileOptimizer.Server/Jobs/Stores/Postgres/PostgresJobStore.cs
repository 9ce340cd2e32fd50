using System.Data;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using static StockpileOptimizer.Server.Jobs.PostgresJobStoreRows;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job store for several hosts ("replicas") sharing one PostgreSQL database: the same
/// contract as <see cref="SqliteJobStore"/>, made safe across processes by the database.
/// <list type="bullet">
/// <item>Inserts take a transaction-scoped advisory lock, so the request-id lookup and the queue
/// count see every earlier insert (idempotent, and the capacity holds across replicas); the
/// unique request_id column backs it up.</item>
/// <item>State changes are <c>UPDATE … WHERE id = @id AND state = @from</c>: of two replicas
/// changing the same job, the second finds the state changed and changes nothing.</item>
/// <item>Event numbers are reserved by an UPDATE of the job's row, which holds its row lock until
/// the events are inserted and committed: concurrent appends queue up, and numbers have no gaps.</item>
/// <item>Claims for replicas (<see cref="ISharedJobStore"/>): <c>FOR UPDATE SKIP LOCKED</c>, owners
/// and leases in the database's clock, cancel requests, and NOTIFY on every stored event.</item>
/// </list>
/// Every operation takes a pooled connection and runs in one READ COMMITTED transaction; a
/// serialization failure or deadlock (not expected with these statements) is retried.
/// </summary>
internal sealed partial class PostgresJobStore : ISharedJobStore
{
    private const int MaxAttempts = 3;

    private readonly NpgsqlDataSource dataSource;
    /// <summary>For listeners: unpooled, so a closed listener's connection is closed, not left LISTENing in the pool.</summary>
    private readonly NpgsqlDataSource listenSource;
    /// <summary>The clock leases are measured in: null for the database's (every replica then agrees), a given one in tests.</summary>
    private readonly TimeProvider? leaseClock;
    private int disposed;

    private PostgresJobStore(NpgsqlDataSource dataSource, NpgsqlDataSource listenSource, string location, string schema, TimeProvider? leaseClock)
    {
        this.leaseClock = leaseClock;
        this.dataSource = dataSource;
        this.listenSource = listenSource;
        Location = location;
        Schema = schema;
        NotifyChannel = Channel(schema);
    }

    /// <summary>"PostgreSQL database D on host:port as user U" (and the schema when one is set); never the password.</summary>
    public string Location { get; }

    /// <summary>The schema the tables are in.</summary>
    public string Schema { get; }

    /// <summary>The LISTEN/NOTIFY channel of this schema's events.</summary>
    internal string NotifyChannel { get; }

    /// <summary>"Now" for leases in SQL: the lease clock's time (@now) when one was given, else the database's.</summary>
    private const string Now = "COALESCE(@now, clock_timestamp())";

    /// <summary>The @now parameter of <see cref="Now"/>: null unless a lease clock was given.</summary>
    private NpgsqlParameter LeaseNow() => Time("now", leaseClock?.GetUtcNow());

    /// <summary>Connects, creates the tables on first use, checks their version.</summary>
    /// <exception cref="JobStoreException">The server cannot be reached, refuses the login, or the tables are newer; the message names the server and database.</exception>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="leaseClock">
    /// The clock leases are measured in; null (the default, and always in a host) for the
    /// database's clock, so that the replicas' clocks do not matter. Tests pass a fake one.
    /// </param>
    public static PostgresJobStore Open(string connectionString, TimeProvider? leaseClock = null) =>
        OpenAsync(connectionString, CancellationToken.None, leaseClock).GetAwaiter().GetResult();

    /// <inheritdoc cref="Open"/>
    public static async Task<PostgresJobStore> OpenAsync(string connectionString, CancellationToken cancel, TimeProvider? leaseClock = null)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // Name the keyword at fault; never repeat a value (it could be the password).
            throw new JobStoreException(
                $"the PostgreSQL connection string of the job store is not valid: check {(string.IsNullOrEmpty(e.ParamName) ? "its keywords and values" : $"\"{e.ParamName}\" and its value")}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.ApplicationName))
        {
            builder.ApplicationName = "stockpile-optimizer";
        }
        var location = Describe(builder);
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
            var schema = await PostgresJobStoreSchema.InitializeAsync(connection, location, cancel).ConfigureAwait(false);
            var listenSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false });
            return new PostgresJobStore(dataSource, listenSource, location, schema, leaseClock);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw e switch
            {
                JobStoreException or OperationCanceledException => e,
                NpgsqlException npgsql => Explain(location, npgsql),
                _ => new JobStoreException($"cannot open the job store {location}: {e.Message}", e),
            };
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            dataSource.Dispose();
            listenSource.Dispose();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction that it commits, retrying on serialization failures.</summary>
    private async Task<T> InTransactionAsync<T>(Func<PostgresSession, Task<T>> work, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancel).ConfigureAwait(false);
                var result = await work(new PostgresSession(connection, transaction)).ConfigureAwait(false);
                await transaction.CommitAsync(cancel).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
            }
            catch (NpgsqlException e) when (!cancel.IsCancellationRequested)
            {
                throw Explain(Location, e);
            }
        }
    }

    /// <summary>Runs one read on a pooled connection, outside a transaction.</summary>
    private async Task<T> ReadAsync<T>(Func<PostgresSession, Task<T>> work, CancellationToken cancel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
            return await work(new PostgresSession(connection, null)).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancel.IsCancellationRequested)
        {
            throw Explain(Location, e);
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var user = string.IsNullOrEmpty(builder.Username) ? Environment.UserName : builder.Username;
        var database = string.IsNullOrEmpty(builder.Database) ? user : builder.Database;
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "" : $", search path {builder.SearchPath}";
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database {database} on {host}:{builder.Port} as user {user}{schema}");
    }

    /// <summary>What went wrong, naming the server and database (never the password), and what to check.</summary>
    private static JobStoreException Explain(string location, NpgsqlException e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new JobStoreException($"the job store {location} refused the login ({p.MessageText}); check the user name and password", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } p =>
            new JobStoreException($"the job store {location} cannot be used: {p.MessageText}; create the database or fix the connection string", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p =>
            new JobStoreException($"the job store {location} cannot be used: {p.MessageText}; grant the user rights on the job tables (or to create them)", e),
        PostgresException p => new JobStoreException($"job store {location}: {p.MessageText} (SQLSTATE {p.SqlState})", e),
        _ when e.InnerException is SocketException or TimeoutException or IOException || e.IsTransient =>
            new JobStoreException($"cannot reach the job store {location}: {e.Message}; is the server running and reachable from here?", e),
        _ => new JobStoreException($"job store {location}: {e.Message}", e),
    };

    /// <summary>A channel name per schema (identifiers are at most 63 bytes, schema names may be as long).</summary>
    private static string Channel(string schema) =>
        "stockpile_jobs_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)))[..16];
}

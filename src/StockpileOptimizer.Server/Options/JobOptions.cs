namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The job system's settings, bound from the "Jobs" configuration section (environment:
/// <c>Jobs__MaxConcurrentSolves=2</c> and so on). Durations are TimeSpans ("00:01:00"); the older
/// keys in seconds (<c>Jobs:DefaultTimeLimitSeconds=60</c>) are still read (<see cref="SecondsKeys"/>).
/// </summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Solves that run at the same time. One by default: this machine has two cores.</summary>
    public int MaxConcurrentSolves { get; set; } = 1;

    /// <summary>Most jobs that may wait in state QUEUED; a submission beyond it is refused (RESOURCE_EXHAUSTED).</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>
    /// Solver threads per solve. Concurrent solves × threads must fit the processor count;
    /// larger values are clamped at start-up (and the clamp is logged).
    /// </summary>
    public int SolverThreadsPerSolve { get; set; } = 1;

    /// <summary>
    /// Where jobs are kept: "sqlite" (default: one file in <see cref="DataDirectory"/>, one host)
    /// or "postgres" (a PostgreSQL database that several replicas may share; set
    /// <see cref="PostgresConnectionString"/>).
    /// </summary>
    public JobStoreKind Store { get; set; } = JobStoreKind.Sqlite;

    /// <summary>
    /// The Npgsql connection string of the PostgreSQL store, e.g.
    /// <c>Host=db;Port=5432;Database=stockpile;Username=stockpile;Password=…</c> (add
    /// <c>Search Path=NAME</c> to keep the tables in a schema of their own). Required when
    /// <see cref="Store"/> is "postgres"; pass it through the environment
    /// (<c>Jobs__PostgresConnectionString</c>) or a secret, not a checked-in file. Never logged.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Directory of the job store; the SQLite file is jobs.db inside it. Created if missing.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Time limit of a solve that asks for none (older key: DefaultTimeLimitSeconds).</summary>
    public TimeSpan DefaultTimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time limit a caller may ask for; longer requests are clamped to it (older key: MaxTimeLimitSeconds).</summary>
    public TimeSpan MaxTimeLimit { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>On shutdown, how long running solves may take to finish before they are interrupted and re-queued (older key: ShutdownGraceSeconds).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What start-up does with a job a dead host left RUNNING: "requeue" (default) or "fail".</summary>
    public RecoveryAction OnRecovery { get; set; } = RecoveryAction.Requeue;

    /// <summary>
    /// A job that has been started this many times without finishing (the host died or stopped
    /// under it each time) is failed at recovery rather than re-queued, so that a job that
    /// brings the host down cannot do so forever.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// For tests only; false in every deployment. True: a solve job does not solve but blocks
    /// until it is cancelled (ending CANCELLED) or its time limit passes (TIME_LIMIT), without a
    /// plan, so that tests of cancellation, deadlines, queues and restarts do not depend on how
    /// fast this machine solves. Analyses run as usual.
    /// </summary>
    public bool TestHoldSolvesUntilCancelled { get; set; }

    /// <summary>Full path of the SQLite store file.</summary>
    public string StorePath => Path.Combine(Path.GetFullPath(DataDirectory), "jobs.db");
}

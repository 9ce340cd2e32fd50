using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The job system's settings, bound from the "Jobs" configuration section (environment:
/// <c>Jobs__MaxConcurrentSolves=2</c> and so on). Times are in seconds.
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

    /// <summary>Time limit of a solve that asks for none, seconds.</summary>
    public int DefaultTimeLimitSeconds { get; set; } = 60;

    /// <summary>Longest time limit a caller may ask for, seconds; longer requests are clamped to it.</summary>
    public int MaxTimeLimitSeconds { get; set; } = 600;

    /// <summary>On shutdown, how long running solves may take to finish before they are interrupted and re-queued, seconds.</summary>
    public int ShutdownGraceSeconds { get; set; } = 5;

    /// <summary>What start-up does with a job a dead host left RUNNING: "requeue" (default) or "fail".</summary>
    public RecoveryAction OnRecovery { get; set; } = RecoveryAction.Requeue;

    /// <summary>
    /// A job that has been started this many times without finishing (the host died or stopped
    /// under it each time) is failed at recovery rather than re-queued, so that a job that
    /// brings the host down cannot do so forever.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Full path of the SQLite store file.</summary>
    public string StorePath => Path.Combine(Path.GetFullPath(DataDirectory), "jobs.db");
}

public enum JobStoreKind
{
    Sqlite,
    Postgres,
}

public enum RecoveryAction
{
    Requeue,
    Fail,
}

/// <summary>Range checks, so that a bad setting stops the host at start-up with its name.</summary>
internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add($"{JobOptions.Section}:{message}");
            }
        }

        Check(options.MaxConcurrentSolves >= 1, $"{nameof(JobOptions.MaxConcurrentSolves)} must be at least 1");
        Check(options.QueueCapacity >= 1, $"{nameof(JobOptions.QueueCapacity)} must be at least 1");
        Check(options.SolverThreadsPerSolve >= 1, $"{nameof(JobOptions.SolverThreadsPerSolve)} must be at least 1");
        Check(!string.IsNullOrWhiteSpace(options.DataDirectory), $"{nameof(JobOptions.DataDirectory)} must be set");
        Check(options.DefaultTimeLimitSeconds >= 1, $"{nameof(JobOptions.DefaultTimeLimitSeconds)} must be at least 1");
        Check(options.MaxTimeLimitSeconds >= options.DefaultTimeLimitSeconds,
            $"{nameof(JobOptions.MaxTimeLimitSeconds)} must be at least {nameof(JobOptions.DefaultTimeLimitSeconds)}");
        Check(options.ShutdownGraceSeconds >= 0, $"{nameof(JobOptions.ShutdownGraceSeconds)} must not be negative");
        Check(Enum.IsDefined(options.OnRecovery), $"{nameof(JobOptions.OnRecovery)} must be \"requeue\" or \"fail\"");
        Check(options.MaxAttempts >= 1, $"{nameof(JobOptions.MaxAttempts)} must be at least 1");
        Check(Enum.IsDefined(options.Store), $"{nameof(JobOptions.Store)} must be \"sqlite\" or \"postgres\"");
        if (options.Store == JobStoreKind.Postgres)
        {
            Check(!string.IsNullOrWhiteSpace(options.PostgresConnectionString),
                $"{nameof(JobOptions.PostgresConnectionString)} must be set when {nameof(JobOptions.Store)} is \"postgres\"");
            if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString) && PostgresProblem(options.PostgresConnectionString) is { } problem)
            {
                failures.Add($"{JobOptions.Section}:{nameof(JobOptions.PostgresConnectionString)} {problem}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with the connection string, without quoting it (it holds a password).</summary>
    private static string? PostgresProblem(string connectionString)
    {
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Name the keyword at fault; never repeat a value (it could be the password).
            return e is ArgumentException { ParamName: { Length: > 0 } keyword }
                ? $"is not a valid Npgsql connection string: check \"{keyword}\" and its value"
                : "is not a valid Npgsql connection string: check its keywords and values";
        }
        return string.IsNullOrWhiteSpace(builder.Host) ? "names no Host" : null;
    }
}

using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

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
        Check(options.DefaultTimeLimit >= TimeSpan.FromSeconds(1), $"{nameof(JobOptions.DefaultTimeLimit)} must be at least 1 s");
        Check(options.MaxTimeLimit >= options.DefaultTimeLimit,
            $"{nameof(JobOptions.MaxTimeLimit)} must be at least {nameof(JobOptions.DefaultTimeLimit)}");
        Check(options.ShutdownGrace >= TimeSpan.Zero, $"{nameof(JobOptions.ShutdownGrace)} must not be negative");
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
    internal static string? PostgresProblem(string connectionString)
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

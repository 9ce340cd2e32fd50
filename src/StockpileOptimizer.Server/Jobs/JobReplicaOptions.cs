using System.Globalization;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// How replicas share a PostgreSQL job store (<see cref="JobStoreKind.Postgres"/>); unused with
/// SQLite. Bound from the same "Jobs" section as <see cref="JobOptions"/>
/// (<c>Jobs__LeaseSeconds=30</c>). Times are in seconds.
/// </summary>
public sealed class JobReplicaOptions
{
    /// <summary>
    /// This replica's name in the store's owner column and in logs (a per-start suffix is added,
    /// so a restarted replica never mistakes its predecessor's jobs for its own). Default: the
    /// host name (the pod name in Kubernetes) and the process id.
    /// </summary>
    public string? ReplicaId { get; set; }

    /// <summary>
    /// How long a replica holds a job it runs without renewing; it renews every third of it. A
    /// replica that dies (or loses the database) for longer loses its jobs to the others, which
    /// re-queue them (within about 1.5 leases). Shorter: faster recovery, more renewals.
    /// </summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// Notices (LISTEN/NOTIFY) wake idle workers and watches at once; this is how often they look
    /// at the store anyway, in case a notice was lost with a connection.
    /// </summary>
    public double PollSeconds { get; set; } = 2;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    /// <summary>The owner string: the replica id, the process id, and a per-start suffix.</summary>
    internal string NewOwner()
    {
        var id = string.IsNullOrWhiteSpace(ReplicaId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}")
            : ReplicaId.Trim();
        return $"{id}#{Guid.NewGuid().ToString("N")[..8]}";
    }
}

/// <summary>Range checks, so that a bad setting stops the host at start-up with its name.</summary>
internal sealed class JobReplicaOptionsValidator : IValidateOptions<JobReplicaOptions>
{
    public ValidateOptionsResult Validate(string? name, JobReplicaOptions options)
    {
        var failures = new List<string>();
        if (!(options.LeaseSeconds >= 1 && options.LeaseSeconds <= 3600))
        {
            failures.Add($"{JobOptions.Section}:{nameof(JobReplicaOptions.LeaseSeconds)} must be between 1 and 3600");
        }
        if (!(options.PollSeconds >= 0.05 && options.PollSeconds <= 600))
        {
            failures.Add($"{JobOptions.Section}:{nameof(JobReplicaOptions.PollSeconds)} must be between 0.05 and 600");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Globalization;

namespace StockpileOptimizer.Server.Options;

/// <summary>
/// How replicas share a PostgreSQL job store (<see cref="JobStoreKind.Postgres"/>); unused with
/// SQLite. Bound from the same "Jobs" section as <see cref="JobOptions"/>
/// (<c>Jobs__Lease=00:00:30</c>; the older keys in seconds, <c>Jobs__LeaseSeconds=30</c>, are
/// still read).
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
    /// (Older key: LeaseSeconds.)
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Notices (LISTEN/NOTIFY) wake idle workers and watches at once; this is how often they look
    /// at the store anyway, in case a notice was lost with a connection. (Older key: PollSeconds.)
    /// </summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The owner string: the replica id, the process id, and a per-start suffix.</summary>
    internal string NewOwner()
    {
        var id = string.IsNullOrWhiteSpace(ReplicaId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}")
            : ReplicaId.Trim();
        return $"{id}#{Guid.NewGuid().ToString("N")[..8]}";
    }
}

namespace StockpileOptimizer.Cluster;

/// <summary>How a host finds the other silos of its cluster.</summary>
public enum ClusterMembership
{
    /// <summary>A cluster of this one silo on loopback (the default: one machine, nothing else needed).</summary>
    Localhost,

    /// <summary>Silos that share <see cref="ClusterHostOptions.ConnectionString"/> (PostgreSQL) and <see cref="ClusterHostOptions.ClusterId"/> form one cluster.</summary>
    AdoNet,
}

/// <summary>
/// The host's Orleans silo and its subproblem farm, from the "Cluster" configuration section
/// (<c>Cluster__Clustering=AdoNet</c>, <c>--Cluster:SiloPort=11111</c>).
/// </summary>
public sealed class ClusterHostOptions
{
    public const string Section = "Cluster";

    /// <summary>Localhost (default) or AdoNet.</summary>
    public ClusterMembership Clustering { get; set; } = ClusterMembership.Localhost;

    /// <summary>
    /// AdoNet only: the Npgsql connection string of the PostgreSQL database holding the membership
    /// table. Its tables go into the first schema of the search path ("Search Path=…"), created at
    /// start-up when missing.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silos with the same cluster id (and database) form one cluster.</summary>
    public string ClusterId { get; set; } = "stockpile";

    /// <summary>The service's id; stays the same across deployments of the cluster.</summary>
    public string ServiceId { get; set; } = "stockpile-optimizer";

    /// <summary>
    /// Silo-to-silo port. 0 (default): a free port, chosen when the host starts (so hosts on one
    /// machine never collide); give a fixed one where a firewall or a manifest needs to know it.
    /// </summary>
    public int SiloPort { get; set; }

    /// <summary>Port for external Orleans clients; 0 (default): no gateway (this host's own farm needs none).</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// The IP address the other silos reach this one at. Default: 127.0.0.1 with Localhost
    /// clustering; with AdoNet, Orleans' choice (the host's first non-loopback address; in
    /// Kubernetes give the pod IP).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Whether scenario-batch grains may be placed on this silo (default true). False: the host
    /// coordinates (its farm sends work) but solves no batch itself.
    /// </summary>
    public bool HostsBatches { get; set; } = true;

    /// <summary>
    /// Batches the farm solves at once (<c>ISolveFarm.Parallelism</c>); 0 (default): this
    /// machine's processor count. In a cluster, give the cores of all silos together.
    /// </summary>
    public int Parallelism { get; set; }

    /// <summary>Calls of one batch solve before the farm gives up when silos keep failing (default 10, about 25 s of back-off).</summary>
    public int SolveAttempts { get; set; } = 10;

    /// <summary>How long a silo waits for a probe's answer from another (Orleans' default 5 s); shorter: a dead silo is noticed sooner.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes before a silo suspects another dead (Orleans' default 3).</summary>
    public int MissedProbesLimit { get; set; } = 3;
}

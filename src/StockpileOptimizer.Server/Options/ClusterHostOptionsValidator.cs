using System.Net;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Cluster;

namespace StockpileOptimizer.Server.Options;

/// <summary>Checks of the "Cluster" section, so that a bad setting stops the host at start-up with its name.</summary>
internal sealed class ClusterHostOptionsValidator : IValidateOptions<ClusterHostOptions>
{
    /// <summary>Orleans' membership table keeps the cluster id in a varchar(150).</summary>
    private const int MaxIdLength = 150;

    public ValidateOptionsResult Validate(string? name, ClusterHostOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add($"{ClusterHostOptions.Section}:{message}");
            }
        }

        Check(Enum.IsDefined(options.Clustering), $"{nameof(ClusterHostOptions.Clustering)} must be \"Localhost\" or \"AdoNet\"");
        if (options.Clustering == ClusterMembership.AdoNet)
        {
            Check(!string.IsNullOrWhiteSpace(options.ConnectionString),
                $"{nameof(ClusterHostOptions.ConnectionString)} must be set when {nameof(ClusterHostOptions.Clustering)} is \"AdoNet\" (a PostgreSQL connection string)");
            if (!string.IsNullOrWhiteSpace(options.ConnectionString) && JobOptionsValidator.PostgresProblem(options.ConnectionString) is { } problem)
            {
                failures.Add($"{ClusterHostOptions.Section}:{nameof(ClusterHostOptions.ConnectionString)} {problem}");
            }
        }
        Check(!string.IsNullOrWhiteSpace(options.ClusterId) && options.ClusterId.Length <= MaxIdLength,
            $"{nameof(ClusterHostOptions.ClusterId)} must be set, at most {MaxIdLength} characters");
        Check(!string.IsNullOrWhiteSpace(options.ServiceId) && options.ServiceId.Length <= MaxIdLength,
            $"{nameof(ClusterHostOptions.ServiceId)} must be set, at most {MaxIdLength} characters");
        Check(options.SiloPort is >= 0 and <= IPEndPoint.MaxPort, $"{nameof(ClusterHostOptions.SiloPort)} must be between 0 (a free port) and 65535");
        Check(options.GatewayPort is >= 0 and <= IPEndPoint.MaxPort, $"{nameof(ClusterHostOptions.GatewayPort)} must be between 0 (no gateway) and 65535");
        Check(options.SiloPort == 0 || options.SiloPort != options.GatewayPort,
            $"{nameof(ClusterHostOptions.GatewayPort)} must differ from {nameof(ClusterHostOptions.SiloPort)}");
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            Check(IPAddress.TryParse(options.AdvertisedAddress.Trim(), out var address)
                    && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
                    && !address.Equals(IPAddress.None) && !address.Equals(IPAddress.IPv6None),
                $"{nameof(ClusterHostOptions.AdvertisedAddress)} must be the IP address other silos reach this one at (not a host name, not 0.0.0.0)");
        }
        Check(options.Parallelism >= 0, $"{nameof(ClusterHostOptions.Parallelism)} must be 0 (the processor count) or more");
        Check(options.SolveAttempts is >= 1 and <= 100, $"{nameof(ClusterHostOptions.SolveAttempts)} must be between 1 and 100");
        Check(options.ProbeTimeout >= TimeSpan.FromMilliseconds(100) && options.ProbeTimeout <= TimeSpan.FromMinutes(5),
            $"{nameof(ClusterHostOptions.ProbeTimeout)} must be between 100 ms and 5 min");
        Check(options.MissedProbesLimit is >= 1 and <= 10, $"{nameof(ClusterHostOptions.MissedProbesLimit)} must be between 1 and 10");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Cluster.Tests;

public sealed class ClusterHostOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(ClusterHostOptions options) =>
        new ClusterHostOptionsValidator().Validate(null, options).Failures?.ToArray() ?? [];

    /// <summary>The defaults (one silo on loopback, a free port, no gateway) need nothing else.</summary>
    [Fact]
    public void TheDefaultsAreValid() => Assert.Empty(Failures(new ClusterHostOptions()));

    [Fact]
    public void AdoNetNeedsAConnectionString()
    {
        var failures = Failures(new ClusterHostOptions { Clustering = ClusterMembership.AdoNet });

        Assert.Equal(["Cluster:ConnectionString must be set when Clustering is \"AdoNet\" (a PostgreSQL connection string)"], failures);
    }

    /// <summary>A connection string that is not one is named by its keyword, its value (maybe a password) never repeated.</summary>
    [Fact]
    public void ABadConnectionStringIsNamedWithoutItsValue()
    {
        var failures = Failures(new ClusterHostOptions { Clustering = ClusterMembership.AdoNet, ConnectionString = "Host=db;Pasword=secret" });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Cluster:ConnectionString is not a valid Npgsql connection string", failure);
        Assert.DoesNotContain("secret", failure);
    }

    [Fact]
    public void EverySettingOutOfRangeIsNamed()
    {
        var failures = Failures(new ClusterHostOptions
        {
            Clustering = (ClusterMembership)7,
            ClusterId = " ",
            ServiceId = new string('s', 151),
            SiloPort = 70000,
            GatewayPort = -1,
            AdvertisedAddress = "silo-0.example",
            Parallelism = -1,
            SolveAttempts = 0,
            ProbeTimeout = TimeSpan.FromMilliseconds(10),
            MissedProbesLimit = 0,
        });

        Assert.Equal(
        [
            "Cluster:Clustering", "Cluster:ClusterId", "Cluster:ServiceId", "Cluster:SiloPort", "Cluster:GatewayPort",
            "Cluster:AdvertisedAddress", "Cluster:Parallelism", "Cluster:SolveAttempts", "Cluster:ProbeTimeout", "Cluster:MissedProbesLimit",
        ], failures.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void TheGatewayCannotShareTheSiloPort()
    {
        Assert.Equal(["Cluster:GatewayPort must differ from SiloPort"], Failures(new ClusterHostOptions { SiloPort = 11111, GatewayPort = 11111 }));
        Assert.Empty(Failures(new ClusterHostOptions { SiloPort = 11111, GatewayPort = 30000, AdvertisedAddress = "10.0.0.5" }));
    }
}

public sealed class ClusterStartupFailureTests
{
    /// <summary>An unknown clustering name is told in one line naming the key, as the binder reports it.</summary>
    [Fact]
    public void ASettingThatDoesNotParseIsOneLineNamingTheKey()
    {
        var binding = new InvalidOperationException(
            "Failed to convert configuration value 'AdoNt' at 'Cluster:Clustering' to type 'StockpileOptimizer.Cluster.ClusterMembership'.",
            new FormatException("AdoNt is not a valid value for ClusterMembership."));

        Assert.Equal(
            "stockpile server: cannot start: invalid configuration: Failed to convert configuration value 'AdoNt' at 'Cluster:Clustering' to type 'StockpileOptimizer.Cluster.ClusterMembership'.",
            Server.Hosting.StartupFailure.Describe(binding));
        Assert.Null(Server.Hosting.StartupFailure.Describe(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void AMembershipDatabaseItCannotUseIsOneLine()
    {
        var failure = new ClusterStartupException("Cluster:ConnectionString: cannot create or find Orleans' membership tables in that PostgreSQL database: Failed to connect to 127.0.0.1:1",
            new InvalidOperationException("inner"));

        Assert.Equal("stockpile server: cannot start: Cluster:ConnectionString: cannot create or find Orleans' membership tables in that PostgreSQL database: Failed to connect to 127.0.0.1:1",
            Server.Hosting.StartupFailure.Describe(new AggregateException(failure)));
    }
}

using StockpileOptimizer.TestData;
using StockpileOptimizer.Cluster.Tests.Hosting;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>Orleans' PostgreSQL membership tables, applied by the project at start-up.</summary>
public sealed class ClusterSchemaTests
{
    /// <summary>
    /// An empty schema gets the main and clustering scripts (the queries Orleans reads, among them
    /// the 3.7.0 clean-up query); applying again changes nothing.
    /// </summary>
    [PostgresFact]
    public async Task ScriptsRunOnceOnAnEmptySchemaAndNotAgain()
    {
        await using var schema = await TestSchema.CreateAsync();

        var first = await ClusterSchema.ApplyAsync(schema.ConnectionString);
        var second = await ClusterSchema.ApplyAsync(schema.ConnectionString);

        Assert.Equal(["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql"], first);
        Assert.Empty(second);
        // The clustering script's nine queries (membership version, rows, gateways, clean-up), once each.
        Assert.Equal(9L, await schema.ScalarAsync("SELECT count(*) FROM orleansquery"));
        Assert.Equal(1L, await schema.ScalarAsync("SELECT count(*) FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'"));
        Assert.Equal(0L, await schema.ScalarAsync("SELECT count(*) FROM orleansmembershiptable"));
    }

    /// <summary>Hosts starting at once on an empty schema: the advisory lock lets one create the tables, the others find them.</summary>
    [PostgresFact]
    public async Task HostsStartingAtOnceCreateTheTablesOnce()
    {
        await using var schema = await TestSchema.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ClusterSchema.ApplyAsync(schema.ConnectionString))));

        Assert.Single(runs, ran => ran.Count == 2);
        Assert.Equal(3, runs.Count(ran => ran.Count == 0));
        Assert.Equal(9L, await schema.ScalarAsync("SELECT count(*) FROM orleansquery"));
    }

    /// <summary>A database that cannot be reached stops the host with one line naming the setting.</summary>
    [Fact]
    public async Task AnUnreachableDatabaseIsToldWithTheSetting()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var error = await Assert.ThrowsAsync<ClusterStartupException>(() =>
            ClusterSchema.ApplyAsync("Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=5"));

        Assert.StartsWith("Cluster:ConnectionString: cannot create or find Orleans' membership tables", error.Message);
    }
}

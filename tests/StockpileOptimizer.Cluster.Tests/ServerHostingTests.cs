using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StockpileOptimizer.Cluster.Tests.Hosting;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>The server as a newcomer starts it (no Cluster settings): its own one-silo cluster, and the Orleans farm on it.</summary>
public sealed class ServerHostingTests
{
    [Fact]
    public async Task TheDefaultServerSolvesBatchesOnItsOwnSilo()
    {
        var data = Directory.CreateTempSubdirectory("stockpile-cluster-test-").FullName;
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Jobs:DataDirectory", data);
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
            });
            _ = factory.Server; // starts the host, silo included
            var farm = factory.Services.GetRequiredService<ISolveFarm>();
            var workload = FarmWorkload.DefaultInstance("server-" + Guid.NewGuid().ToString("N"), samples: 2, batches: 2);
            using var local = new LocalSolveFarm(2);

            var expected = await workload.RunAsync(local);
            var actual = await workload.RunAsync(farm);

            Assert.IsType<OrleansSolveFarm>(farm);
            Assert.Equal(Environment.ProcessorCount, farm.Parallelism);
            Answers.Same(expected, actual);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

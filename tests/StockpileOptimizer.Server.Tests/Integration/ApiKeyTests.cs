using Grpc.Core;
using Grpc.Health.V1;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class ApiKeyTests
{
    private const string Key = "test-key-3f9a";

    [Fact]
    public async Task With_a_key_configured_calls_need_it_but_health_does_not()
    {
        await using var host = new StockpileHost(new Dictionary<string, string?> { ["Server:ApiKey"] = Key });
        var client = host.Client;
        var request = new V1.GetDefaultScenarioRequest();

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.GetDefaultScenarioAsync(request).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetDefaultScenarioAsync(request, new Metadata { { "x-api-key", "nope" } }).ResponseAsync);
        var watch = await Assert.ThrowsAsync<RpcException>(() => Jobs.WatchToEnd(client, "jobs/x"));
        var right = await client.GetDefaultScenarioAsync(request, new Metadata { { "x-api-key", Key } });
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, watch.StatusCode);
        Assert.DoesNotContain(Key, wrong.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(right.Fingerprint);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Without_a_key_configured_no_key_is_needed()
    {
        await using var host = new StockpileHost();

        var response = await host.Client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest());

        Assert.NotEmpty(response.Fingerprint);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StockpileOptimizer.Server.Interceptors;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// The API key is checked before the request body is read, and wrong keys are throttled per
/// peer on the host's clock (docs/reliability.md; docs/api.md, Server:ApiKeyMaxFailures…).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ApiKeyGateTests
{
    private const string Key = "test-key-71c2";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create<byte[]>(b => b, b => b);

    [Fact]
    public async Task A_wrong_key_with_a_malformed_or_oversized_body_is_unauthenticated_not_invalid()
    {
        await using var host = new HookedHost(new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Server:MaxReceiveMessageBytes"] = "1024",
        });
        var invoker = host.Channel.CreateCallInvoker();
        var validate = new Method<byte[], byte[]>(MethodType.Unary, "stockpile.v1.StockpileService", "ValidateScenario", Raw, Raw);
        // Field 1, length-delimited, says 5 bytes follow; one does: not a ValidateScenarioRequest.
        byte[] malformed = [0x0a, 0x05, 0x01];
        var huge = new byte[64 * 1024];
        async Task<StatusCode> Call(byte[] body, string? key)
        {
            var headers = key is null ? null : new Metadata { { "x-api-key", key } };
            var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(validate, null, new CallOptions(headers), body).ResponseAsync);
            return error.StatusCode;
        }

        Assert.Equal(StatusCode.Unauthenticated, await Call(malformed, "wrong"));
        Assert.Equal(StatusCode.Unauthenticated, await Call(malformed, null));
        Assert.Equal(StatusCode.Unauthenticated, await Call(huge, "wrong"));
        // With the key, the same bodies reach the parser and its limits.
        Assert.Equal(StatusCode.InvalidArgument, await Call(malformed, Key));
        Assert.Equal(StatusCode.ResourceExhausted, await Call(huge, Key));
    }

    [Fact]
    public async Task Over_http_json_a_wrong_key_with_broken_json_is_401()
    {
        await using var host = new HookedHost(new Dictionary<string, string?> { ["Server:ApiKey"] = Key });
        using var http = host.Http();
        HttpRequestMessage Post(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/validate")
            {
                Content = new StringContent("{\"instance\": {broken", Encoding.UTF8, "application/json"),
            };
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }
            return request;
        }

        using var wrong = await http.SendAsync(Post("wrong"));
        using var right = await http.SendAsync(Post(Key));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("\"code\": 16", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    /// <summary>
    /// Three wrong keys within a minute lock the peer out for five minutes, on a fake clock:
    /// RESOURCE_EXHAUSTED with the time left as RetryInfo, even for the right key; after it, the
    /// right key works again.
    /// </summary>
    [Fact]
    public async Task Wrong_keys_lock_the_peer_out_for_a_while()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = Throttled(clock);
        var client = new V1.StockpileService.StockpileServiceClient(host.Channel);
        async Task<RpcException?> Call(string key)
        {
            try
            {
                await client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest(), new Metadata { { "x-api-key", key } });
                return null;
            }
            catch (RpcException e)
            {
                return e;
            }
        }

        Assert.Equal(StatusCode.Unauthenticated, (await Call("guess-1"))!.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Call("guess-2"))!.StatusCode);
        var third = await Call("guess-3");
        var right = await Call(Key);
        clock.Advance(TimeSpan.FromSeconds(299));
        var almost = await Call(Key);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await Call(Key);

        Assert.Equal(StatusCode.ResourceExhausted, third!.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), RetryDelay(third));
        Assert.Equal(StatusCode.ResourceExhausted, right!.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), RetryDelay(right));
        Assert.Equal(StatusCode.ResourceExhausted, almost!.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), RetryDelay(almost));
        Assert.Null(after);
    }

    [Fact]
    public async Task Wrong_keys_are_counted_within_the_window_only()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = Throttled(clock);
        var client = new V1.StockpileService.StockpileServiceClient(host.Channel);
        async Task<StatusCode> Wrong()
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest(), new Metadata { { "x-api-key", "guess" } }).ResponseAsync);
            return error.StatusCode;
        }

        // Two wrong keys, a minute passes, two more: never three in one window.
        Assert.Equal(StatusCode.Unauthenticated, await Wrong());
        Assert.Equal(StatusCode.Unauthenticated, await Wrong());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(StatusCode.Unauthenticated, await Wrong());
        Assert.Equal(StatusCode.Unauthenticated, await Wrong());
        Assert.Equal(StatusCode.ResourceExhausted, await Wrong());
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Wrong_keys_are_counted_per_IPv4_address_and_per_IPv6_64_network(string address, string peer) =>
        Assert.Equal(peer, Hosting.ApiKeyMiddleware.Peer(IPAddress.Parse(address)));

    private static HookedHost Throttled(FakeTimeProvider clock) => new(
        new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Server:ApiKeyMaxFailures"] = "3",
            ["Server:ApiKeyFailureWindow"] = "00:01:00",
            ["Server:ApiKeyLockout"] = "00:05:00",
        },
        services: s => s.AddSingleton(p => new ApiKeyGate(
            p.GetRequiredService<IOptions<ServerOptions>>(), p.GetRequiredService<IOptions<ApiKeyThrottleOptions>>(), clock)));

    private static TimeSpan RetryDelay(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
}

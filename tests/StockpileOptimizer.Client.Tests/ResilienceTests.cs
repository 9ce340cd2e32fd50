using Grpc.Core;
using Polly;

namespace StockpileOptimizer.Client.Tests;

/// <summary>The retry policy alone: which statuses it retries, and how often.</summary>
public sealed class ResilienceTests
{
    private static readonly StockpileClientOptions Options = new()
    {
        Address = new Uri("http://localhost:1"),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    [Theory]
    [InlineData(StatusCode.Unavailable, 4)]
    [InlineData(StatusCode.InvalidArgument, 1)]
    [InlineData(StatusCode.DeadlineExceeded, 1)]
    [InlineData(StatusCode.ResourceExhausted, 1)]
    [InlineData(StatusCode.Unauthenticated, 1)]
    [InlineData(StatusCode.Internal, 1)]
    [InlineData(StatusCode.NotFound, 1)]
    public async Task Retries_unavailable_only(StatusCode code, int attempts)
    {
        var pipeline = StockpileResilience.CreatePipeline(Options);
        var tried = 0;

        await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            tried++;
            throw new RpcException(new Status(code, "test"));
        }));

        Assert.Equal(attempts, tried);
    }

    [Fact]
    public async Task The_hook_sees_each_retry_and_every_delay_stays_under_the_cap()
    {
        var retries = new List<StockpileRetry>();
        var options = new StockpileClientOptions
        {
            Address = Options.Address,
            MaxRetryAttempts = 6,
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            OnRetry = retries.Add,
        };
        var pipeline = StockpileResilience.CreatePipeline(options);
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(StockpileResilience.MethodKey, "StockpileService/Solve");

        await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync<int>(
            _ => throw new RpcException(new Status(StatusCode.Unavailable, "down")), context));

        Assert.Equal([1, 2, 3, 4, 5, 6], retries.Select(r => r.FailedAttempt));
        Assert.All(retries, r => Assert.Equal("StockpileService/Solve", r.Method));
        Assert.All(retries, r => Assert.InRange(r.Delay, TimeSpan.Zero, options.RetryMaxDelay));
    }

    [Fact]
    public void Options_name_the_property_at_fault()
    {
        var e = Assert.Throws<ArgumentException>(() => StockpileClient.Create(new StockpileClientOptions { Address = new Uri("ftp://x") }));
        Assert.Contains("Address must be an http:// or https:// URL", e.Message);
        var timeout = Assert.Throws<ArgumentException>(() => StockpileClient.Create(new StockpileClientOptions
        {
            Address = new Uri("http://localhost:5080"),
            CallTimeout = TimeSpan.Zero,
        }));
        Assert.Contains("CallTimeout must be positive", timeout.Message);
    }
}

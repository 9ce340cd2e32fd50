using Grpc.Core;
using Polly;
using Polly.Retry;

namespace StockpileOptimizer.Client;

/// <summary>
/// The retry policy of every call, as a Polly <see cref="ResiliencePipeline"/>: retry on
/// UNAVAILABLE only (the server is down, restarting or shutting down, or the connection was
/// refused or dropped), with exponential backoff and jitter, at most
/// <see cref="StockpileClientOptions.MaxRetryAttempts"/> times. Nothing else is retried:
/// INVALID_ARGUMENT would fail again, DEADLINE_EXCEEDED means the server may still be working
/// on the request, RESOURCE_EXHAUSTED carries the server's own retry delay for the caller to
/// honour, and the rest are answers.
///
/// Retrying is safe for every call of the API: reads and CancelJob are idempotent, Solve
/// repeats a solve that never ran (UNAVAILABLE means the server did not take it), and
/// StartSolve / Start* carry one <c>request_id</c> per logical call, reused by every
/// attempt, so that the server returns the job the first attempt created (AIP-155).
/// </summary>
public static class StockpileResilience
{
    /// <summary>The key under which a call's method name travels in the <see cref="ResilienceContext"/>.</summary>
    public static readonly ResiliencePropertyKey<string> MethodKey = new("stockpile.method");

    /// <summary>True for the failures worth another attempt: UNAVAILABLE, and nothing else.</summary>
    public static bool IsTransient(Exception e) => e is RpcException { StatusCode: StatusCode.Unavailable };

    public static ResiliencePipeline CreatePipeline(StockpileClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    options.OnRetry?.Invoke(new StockpileRetry(
                        args.Context.Properties.GetValue(MethodKey, "?"), args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception));
                    return default;
                },
            });
        }
        return builder.Build();
    }
}

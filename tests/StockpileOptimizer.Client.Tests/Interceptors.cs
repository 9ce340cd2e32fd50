using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Client.Tests;

/// <summary>Counts the calls the client sends, per method ("StartSolve"): every retry attempt passes here.</summary>
internal sealed class CountingInterceptor : Interceptor
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int this[string method] => counts.GetValueOrDefault(method);

    /// <summary>The request_id of every StartSolve attempt, in order.</summary>
    public ConcurrentQueue<string> StartSolveRequestIds { get; } = new();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        counts.AddOrUpdate(context.Method.Name, 1, (_, n) => n + 1);
        if (request is StartSolveRequest start)
        {
            StartSolveRequestIds.Enqueue(start.RequestId);
        }
        return continuation(request, context);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        counts.AddOrUpdate(context.Method.Name, 1, (_, n) => n + 1);
        return continuation(request, context);
    }
}

/// <summary>
/// Breaks the first WatchJob stream after <paramref name="after"/> events (UNAVAILABLE, as a
/// dropped connection gives), and records the after_sequence of every WatchJob request.
/// </summary>
internal sealed class StreamBreaker(int after) : Interceptor
{
    private int watches;

    public ConcurrentQueue<long> AfterSequences { get; } = new();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        if (request is not WatchJobRequest watch)
        {
            return call;
        }
        AfterSequences.Enqueue(watch.AfterSequence);
        if (Interlocked.Increment(ref watches) > 1)
        {
            return call;
        }
        return new AsyncServerStreamingCall<TResponse>(
            new Breaking<TResponse>(call.ResponseStream, after), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private sealed class Breaking<T>(IAsyncStreamReader<T> inner, int after) : IAsyncStreamReader<T>
    {
        private int read;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (read == after)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "test: the stream was cut"));
            }
            read++;
            return await inner.MoveNext(cancellationToken);
        }
    }
}

/// <summary>
/// On the server: never answers a GetDefaultScenario call; holds it until the caller gives up
/// (its deadline passes or it cancels) and then completes <see cref="GaveUp"/>. A client that
/// gets any answer at all got it from its own deadline, whatever the machine's speed.
/// </summary>
public sealed class SilentDefaultInterceptor(TaskCompletionSource gaveUp) : Interceptor
{
    /// <summary>Completed when a held call is cancelled by its caller.</summary>
    public Task GaveUp => gaveUp.Task;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is GetDefaultScenarioRequest)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                gaveUp.TrySetResult();
                throw;
            }
        }
        return await continuation(request, context);
    }
}

using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Jobs;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Interceptors;

/// <summary>
/// Gives every failure its status from the API's table (stockpile_service.proto): the job
/// system's exceptions, cancellations (deadline, caller, shutdown) and, last, anything
/// unexpected, which is logged with its stack and answered INTERNAL without details. A
/// stopping server refuses new calls with UNAVAILABLE.
/// </summary>
internal sealed class ErrorInterceptor(
    IHostApplicationLifetime lifetime,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<ErrorInterceptor> logger) : Interceptor
{
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromSeconds(1);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        RefuseWhenStopping();
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        RefuseWhenStopping();
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    private void RefuseWhenStopping()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw Stopping();
        }
    }

    /// <summary>
    /// The call ended at its deadline. The client's deadline timer and the server's run on
    /// different clocks and either may fire first, a little before the other, so "at" means
    /// within <see cref="DeadlineSlack"/>.
    /// </summary>
    private bool AtDeadline(ServerCallContext context) =>
        context.Deadline != DateTime.MaxValue && context.Deadline - time.GetUtcNow().UtcDateTime <= DeadlineSlack;

    private static RpcException Stopping() =>
        RpcErrors.Unavailable("the server is shutting down; retry later (queued and running jobs are kept)");

    private RpcException Map(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case QueueFullException full:
                return RpcErrors.ResourceExhausted(full.Message, options.Value.QueueFullRetryDelay);
            case JobNotFoundException missing:
                return RpcErrors.NotFound(JobNames.Format(missing.JobId));
            case InvalidInstanceException invalid:
                return RpcErrors.InvalidArgument(invalid.Violations);
            case JobServiceStoppingException:
            case OperationCanceledException or ObjectDisposedException when lifetime.ApplicationStopping.IsCancellationRequested:
                return Stopping();
            case OperationCanceledException when AtDeadline(context):
                return RpcErrors.DeadlineExceeded("the call's deadline passed before the answer was ready");
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled by its caller"));
            default:
                ServerLog.UnexpectedFailure(logger, context.Method, e);
                return RpcErrors.Internal("internal error; the server's log has the details");
        }
    }

}

using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Interceptors;

/// <summary>
/// When Server:ApiKey is set, a StockpileService call must carry it in the "x-api-key"
/// metadata header, else UNAUTHENTICATED. Off when no key is configured. Registered on
/// StockpileService and AnalysisService only, so health checking and reflection never need a
/// key. The key is first checked, and wrong keys throttled, by
/// <see cref="Hosting.ApiKeyMiddleware"/> before the body is read; this second check (no
/// throttling) keeps the services closed should the middleware be left out. An authenticated
/// call's job name and request_id are then checked (<see cref="RequestLimits"/>), before the
/// method does any work.
/// </summary>
internal sealed class ApiKeyInterceptor(IOptions<ServerOptions> options) : Interceptor
{
    public const string Header = ApiKeyGate.Header;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        RequestLimits.Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        RequestLimits.Check(request);
        return continuation(request, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return;
        }
        var given = context.RequestHeaders.GetValue(Header);
        if (given is null)
        {
            throw RpcErrors.Unauthenticated($"this server needs an API key in the \"{Header}\" metadata header");
        }
        if (!ApiKeyGate.Matches(given, expected))
        {
            throw RpcErrors.Unauthenticated($"the API key in \"{Header}\" is not valid");
        }
    }
}

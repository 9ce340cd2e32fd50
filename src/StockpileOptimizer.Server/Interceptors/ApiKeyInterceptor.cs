using System.Security.Cryptography;
using System.Text;
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
/// key. An authenticated call's job name and request_id are then checked
/// (<see cref="RequestLimits"/>), before the method does any work.
/// </summary>
internal sealed class ApiKeyInterceptor(IOptions<ServerOptions> options) : Interceptor
{
    public const string Header = "x-api-key";

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
        // Compare digests in fixed time, so that neither the length nor the content leaks.
        if (!CryptographicOperations.FixedTimeEquals(Digest(given), Digest(expected)))
        {
            throw RpcErrors.Unauthenticated($"the API key in \"{Header}\" is not valid");
        }
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

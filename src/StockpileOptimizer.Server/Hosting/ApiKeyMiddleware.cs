using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using StockpileOptimizer.Server.Interceptors;
using StockpileOptimizer.Server.Services;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// Checks the API key (<see cref="ApiKeyGate"/>) of every call to StockpileService and
/// AnalysisService — over gRPC and over HTTP/JSON — after routing and before the endpoint, so
/// before the request body is read: a caller without the key gets UNAUTHENTICATED (or
/// RESOURCE_EXHAUSTED while locked out) whatever its body is, malformed or over the size
/// limit, and the server spends nothing on parsing it. A gRPC caller gets a trailers-only
/// answer (grpc-status, grpc-message, grpc-status-details-bin), an HTTP/JSON caller the HTTP
/// status and google.rpc.Status body that transcoding gives errors (401, 429 with Retry-After).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyGate gate)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromMessages(Google.Rpc.RetryInfo.Descriptor, Google.Rpc.BadRequest.Descriptor)));

    public Task InvokeAsync(HttpContext context)
    {
        if (!gate.Enabled || !Guarded(context))
        {
            return next(context);
        }
        var refusal = gate.Refusal(Peer(context.Connection.RemoteIpAddress), context.Request.Headers[ApiKeyGate.Header].FirstOrDefault());
        if (refusal is null)
        {
            return next(context);
        }
        return IsGrpc(context.Request) ? RefuseGrpc(context, refusal) : RefuseHttp(context, refusal);
    }

    /// <summary>An endpoint of StockpileService or AnalysisService (gRPC or transcoded); health and reflection are not.</summary>
    private static bool Guarded(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
        && (grpc.ServiceType == typeof(StockpileGrpcService) || grpc.ServiceType == typeof(AnalysisGrpcService));

    /// <summary>
    /// The peer wrong keys are counted for: the IPv4 address, or the /64 network of an IPv6 one
    /// (one host usually holds a whole /64, so counting single addresses would not throttle it).
    /// </summary>
    internal static string Peer(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes).ToString() + "/64";
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseGrpc(HttpContext context, RpcException refusal)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
        {
            if (entry.IsBinary)
            {
                response.Headers[entry.Key] = Convert.ToBase64String(entry.ValueBytes);
            }
        }
        return Task.CompletedTask;
    }

    private static Task RefuseHttp(HttpContext context, RpcException refusal)
    {
        var response = context.Response;
        response.StatusCode = refusal.StatusCode == StatusCode.ResourceExhausted
            ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status401Unauthorized;
        if (refusal.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>() is { } retry)
        {
            response.Headers.RetryAfter = Math.Ceiling(retry.RetryDelay.ToTimeSpan().TotalSeconds)
                .ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        }
        response.ContentType = "application/json";
        var status = refusal.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)refusal.StatusCode, Message = refusal.Status.Detail };
        return response.WriteAsync(Json.Format(status), context.RequestAborted);
    }

    /// <summary>grpc-message's encoding: UTF-8, with bytes outside printable ASCII and '%' as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}

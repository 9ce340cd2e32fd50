using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Client;

/// <summary>
/// A call the server answered with an error, or could not be reached for. <see cref="StatusCode"/>
/// is the gRPC status; <see cref="Exception.InnerException"/> the <see cref="RpcException"/> of
/// the last attempt. The subclasses are the cases a caller usually handles:
/// <see cref="StockpileInvalidRequestException"/> (INVALID_ARGUMENT, with every field at fault),
/// <see cref="StockpileUnavailableException"/> (UNAVAILABLE after every retry) and
/// <see cref="StockpileTimeoutException"/> (DEADLINE_EXCEEDED).
/// </summary>
public class StockpileClientException : Exception
{
    public StockpileClientException(string message, string method, StatusCode statusCode, int attempts, Exception? inner = null)
        : base(message, inner)
    {
        Method = method;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>The RPC, e.g. "StockpileService/StartSolve".</summary>
    public string Method { get; }

    public StatusCode StatusCode { get; }

    /// <summary>How many times the call was sent (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>The delay the server asked for before trying again (RESOURCE_EXHAUSTED: the job queue is full), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The <see cref="RpcException"/> for <paramref name="method"/> as the exception a caller sees.</summary>
    internal static StockpileClientException From(RpcException e, string method, int attempts, Uri address, TimeSpan? timeout)
    {
        var status = e.GetRpcStatus();
        var detail = status?.Message is { Length: > 0 } m ? m : e.Status.Detail;
        switch (e.StatusCode)
        {
            case StatusCode.InvalidArgument:
                var problems = status?.GetDetail<BadRequest>()?.FieldViolations
                    .Select(v => new FieldProblem(v.Field, v.Description)).ToArray() ?? [];
                return new StockpileInvalidRequestException($"{method}: {detail}", method, attempts, problems, e);
            case StatusCode.Unavailable:
                var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
                return new StockpileUnavailableException(
                    $"{method}: the stockpile server at {address} is unavailable after {tries}: {detail}", method, attempts, e);
            case StatusCode.DeadlineExceeded:
                var within = timeout is { } t ? $" within its deadline of {t.TotalSeconds:0.###} s" : " within its deadline";
                return new StockpileTimeoutException(
                    $"{method}: the stockpile server at {address} did not answer{within} (DEADLINE_EXCEEDED; not retried)", method, attempts, timeout, e);
            default:
                var retry = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
                return new StockpileClientException($"{method}: {e.StatusCode}: {detail}", method, e.StatusCode, attempts, e) { RetryAfter = retry };
        }
    }
}

/// <summary>One field the server rejected: <paramref name="Field"/> is its JSON path (e.g. <c>producers[2].capacityTonnesPerPeriod</c>), <paramref name="Description"/> a sentence.</summary>
public sealed record FieldProblem(string Field, string Description)
{
    /// <summary>As the engine's validator words it: the path, and the sentence that starts with it.</summary>
    public Domain.Violation ToViolation() => new(Field, Description);
}

/// <summary>INVALID_ARGUMENT: the request breaks a rule. Never retried. <see cref="Problems"/> lists every field at fault (at most 100, as the server sends them).</summary>
public sealed class StockpileInvalidRequestException(string message, string method, int attempts, IReadOnlyList<FieldProblem> problems, Exception? inner = null)
    : StockpileClientException(message, method, StatusCode.InvalidArgument, attempts, inner)
{
    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}

/// <summary>UNAVAILABLE on every attempt: the server is down, restarting, shutting down or not reachable at that address.</summary>
public sealed class StockpileUnavailableException(string message, string method, int attempts, Exception? inner = null)
    : StockpileClientException(message, method, StatusCode.Unavailable, attempts, inner);

/// <summary>DEADLINE_EXCEEDED: no answer within the call's deadline (<see cref="Timeout"/>). Not retried: the server may still be working on it.</summary>
public sealed class StockpileTimeoutException(string message, string method, int attempts, TimeSpan? timeout, Exception? inner = null)
    : StockpileClientException(message, method, StatusCode.DeadlineExceeded, attempts, inner)
{
    public TimeSpan? Timeout { get; } = timeout;
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>The gRPC errors of the API (stockpile_service.proto's table), with google.rpc details.</summary>
internal static class RpcErrors
{
    /// <summary>Most field violations sent in one BadRequest; the message gives the total.</summary>
    public const int MaxFieldViolations = 100;

    public static RpcException InvalidArgument(IReadOnlyList<Violation> violations)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations.Take(MaxFieldViolations))
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = violation.Path,
                Description = violation.Message,
            });
        }
        var count = violations.Count == 1 ? "1 problem" : $"{violations.Count} problems";
        var listed = violations.Count > MaxFieldViolations ? $"; the first {MaxFieldViolations} are listed" : "";
        var first = violations.Count > 0 ? $"; first: {violations[0].Message}" : "";
        return Error(Code.InvalidArgument, $"the request is invalid ({count}{listed}, see google.rpc.BadRequest){first}", badRequest);
    }

    /// <summary>
    /// The request's bytes are not the method's request message: INVALID_ARGUMENT without a
    /// BadRequest, since no field can be named (the body as a whole is malformed).
    /// </summary>
    public static RpcException MalformedRequest(string message) => Error(Code.InvalidArgument, message);

    public static RpcException NotFound(string name) =>
        Error(Code.NotFound, $"no job named \"{name}\"", new ResourceInfo { ResourceType = "stockpile.v1.Job", ResourceName = name });

    public static RpcException ResourceExhausted(string message, TimeSpan retryDelay) =>
        Error(Code.ResourceExhausted, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryDelay) });

    /// <summary>The request names something in a state (or of a kind) the method cannot use; details: google.rpc.PreconditionFailure.</summary>
    public static RpcException FailedPrecondition(string message, string type, string subject) =>
        Error(Code.FailedPrecondition, message, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = message } },
        });

    public static RpcException Unavailable(string message) => Error(Code.Unavailable, message);

    public static RpcException DeadlineExceeded(string message) => Error(Code.DeadlineExceeded, message);

    public static RpcException Unauthenticated(string message) => Error(Code.Unauthenticated, message);

    public static RpcException Internal(string message) => Error(Code.Internal, message);

    private static RpcException Error(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}

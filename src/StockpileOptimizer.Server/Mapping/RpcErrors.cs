using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>
/// The gRPC errors of the API (stockpile_service.proto's table), with google.rpc details. An
/// error is small whatever the request was (docs/reliability.md, finding 9): a stock grpcio
/// client refuses metadata over 8 KiB, and the status message and its details travel as
/// trailers. So every text is cut (<see cref="ShownText"/>) and the violations listed are
/// capped by count and by size; the message says how many more were left out.
/// </summary>
internal static class RpcErrors
{
    /// <summary>Most field violations sent in one BadRequest; the message gives the total.</summary>
    public const int MaxFieldViolations = 25;

    /// <summary>Most bytes of the BadRequest (encoded, before base64): violations that would pass it are left out.</summary>
    public const int MaxBadRequestBytes = 2_500;

    /// <summary>Longest field path and description of one violation, and longest status message, in characters.</summary>
    public const int MaxPathChars = 200, MaxDescriptionChars = 400, MaxMessageChars = 400;

    /// <summary>Longest first violation quoted in the status message.</summary>
    private const int MaxFirstChars = 200;

    public static RpcException InvalidArgument(IReadOnlyList<Violation> violations)
    {
        var badRequest = new BadRequest();
        var size = 0;
        foreach (var violation in violations.Take(MaxFieldViolations))
        {
            var field = new BadRequest.Types.FieldViolation
            {
                Field = ShownText.Cut(violation.Path, MaxPathChars),
                Description = ShownText.Cut(violation.Message, MaxDescriptionChars),
            };
            var bytes = CodedOutputStream.ComputeMessageSize(field) + 1;
            if (size + bytes > MaxBadRequestBytes)
            {
                break;
            }
            size += bytes;
            badRequest.FieldViolations.Add(field);
        }
        var listed = badRequest.FieldViolations.Count;
        var count = violations.Count == 1 ? "1 problem" : $"{violations.Count} problems";
        var more = violations.Count - listed;
        var left = more > 0 ? $"; {listed} listed … and {more} more {(more == 1 ? "violation" : "violations")}" : "";
        var first = violations.Count > 0 ? $"; first: {ShownText.Cut(violations[0].Message, MaxFirstChars)}" : "";
        return Error(Code.InvalidArgument, $"the request is invalid ({count}, see google.rpc.BadRequest{left}){first}", badRequest);
    }

    /// <summary>
    /// The request's bytes are not the method's request message: INVALID_ARGUMENT without a
    /// BadRequest, since no field can be named (the body as a whole is malformed).
    /// </summary>
    public static RpcException MalformedRequest(string message) => Error(Code.InvalidArgument, message);

    public static RpcException NotFound(string name) =>
        Error(Code.NotFound, $"no job named \"{ShownText.Cut(name, MaxPathChars)}\"",
            new ResourceInfo { ResourceType = "stockpile.v1.Job", ResourceName = ShownText.Cut(name, MaxPathChars) });

    public static RpcException ResourceExhausted(string message, TimeSpan retryDelay) =>
        Error(Code.ResourceExhausted, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryDelay) });

    /// <summary>The request names something in a state (or of a kind) the method cannot use; details: google.rpc.PreconditionFailure.</summary>
    public static RpcException FailedPrecondition(string message, string type, string subject) =>
        Error(Code.FailedPrecondition, message, new PreconditionFailure
        {
            Violations =
            {
                new PreconditionFailure.Types.Violation
                {
                    Type = ShownText.Cut(type, MaxPathChars), Subject = ShownText.Cut(subject, MaxPathChars), Description = ShownText.Cut(message, MaxDescriptionChars),
                },
            },
        });

    public static RpcException Unavailable(string message) => Error(Code.Unavailable, message);

    public static RpcException DeadlineExceeded(string message) => Error(Code.DeadlineExceeded, message);

    public static RpcException Unauthenticated(string message) => Error(Code.Unauthenticated, message);

    public static RpcException Internal(string message) => Error(Code.Internal, message);

    private static RpcException Error(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = ShownText.Cut(message, MaxMessageChars) };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}

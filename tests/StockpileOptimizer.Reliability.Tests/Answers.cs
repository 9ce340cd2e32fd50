using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>How a call was answered: its status and, for errors, the google.rpc details that came with it.</summary>
internal sealed record Answer(StatusCode Status, string Detail, IMessage? Response, BadRequest? BadRequest, RetryInfo? RetryInfo, TimeSpan Latency)
{
    public bool Ok => Status == StatusCode.OK;

    public override string ToString() =>
        Ok ? $"OK in {Latency.TotalMilliseconds:0} ms" : $"{Status} \"{Detail}\"{(BadRequest is null ? "" : $" fields [{string.Join(", ", BadRequest.FieldViolations.Select(v => v.Field))}]")}";

    /// <summary>Awaits <paramref name="call"/> and records its answer; only RpcException counts as an answer, anything else propagates.</summary>
    public static async Task<Answer> Of<T>(Func<Task<T>> call) where T : IMessage
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await call();
            return new Answer(StatusCode.OK, "", response, null, null, clock.Elapsed);
        }
        catch (RpcException e)
        {
            var status = e.GetRpcStatus();
            return new Answer(e.StatusCode, e.Status.Detail, null, status?.GetDetail<BadRequest>(), status?.GetDetail<RetryInfo>(), clock.Elapsed);
        }
    }
}

/// <summary>Whether a field path of a violation (<c>producers[2].capacityTonnesPerPeriod</c>) names a field of a message.</summary>
internal static class FieldPaths
{
    /// <summary>True when <paramref name="path"/> leads, by JSON field names and in-range indices, to a field of one of <paramref name="roots"/>.</summary>
    public static bool Resolves(string path, params IMessage?[] roots) => roots.Any(root => root is not null && Resolves(root.Descriptor, root, path));

    private static bool Resolves(MessageDescriptor descriptor, IMessage? message, string path)
    {
        var segments = path.Split('.');
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var field = descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);
            if (field is null)
            {
                return false;
            }
            var value = message is null ? null : field.Accessor.GetValue(message);
            if (bracket >= 0)
            {
                if (!field.IsRepeated || !segment.EndsWith(']') || !int.TryParse(segment[(bracket + 1)..^1], out var index) || index < 0)
                {
                    return false;
                }
                if (value is System.Collections.IList list)
                {
                    if (index >= list.Count)
                    {
                        return false;
                    }
                    value = list[index];
                }
            }
            var last = s == segments.Length - 1;
            if (last)
            {
                return true;
            }
            if (field.FieldType != FieldType.Message || (field.IsRepeated && bracket < 0))
            {
                return false;
            }
            descriptor = field.MessageType;
            message = value as IMessage;
        }
        return true;
    }
}

using Google.Protobuf;
using Google.Protobuf.Reflection;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Interceptors;

/// <summary>
/// The form of a request's own identifiers, checked before the method reads anything else (an
/// instance is validated only after): a job name ("name" of GetJob, CancelJob, WatchJob,
/// GetAnalysisResult) is "jobs/" and an id of at most <see cref="InstanceValidator.MaxIdLength"/>
/// characters; a request_id (StartSolve and the Start… analyses) has at most
/// <see cref="MaxRequestIdLength"/> characters; neither holds a control, bidi or other hidden
/// character (<see cref="ShownText.IsHidden"/>). Otherwise INVALID_ARGUMENT naming the field,
/// with the value cut: a 4,000,000-character name is refused without being echoed.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Longest job name: "jobs/" and an id of at most 63 characters.</summary>
    public const int MaxJobNameLength = 5 + InstanceValidator.MaxIdLength;

    /// <summary>Longest request_id (AIP-155 suggests a UUID, 36 characters); the same bound the services apply.</summary>
    public const int MaxRequestIdLength = 128;

    public static void Check<TRequest>(TRequest request)
    {
        if (request is not IMessage message)
        {
            return;
        }
        var problems = new List<Violation>(1);
        Check(message, "name", "name", MaxJobNameLength, problems);
        Check(message, "request_id", "requestId", MaxRequestIdLength, problems);
        if (problems.Count > 0)
        {
            throw RpcErrors.InvalidArgument(problems);
        }
    }

    private static void Check(IMessage message, string protoName, string path, int max, List<Violation> problems)
    {
        if (message.Descriptor.FindFieldByName(protoName) is not { FieldType: FieldType.String, IsRepeated: false } field
            || field.Accessor.GetValue(message) is not string value)
        {
            return;
        }
        if (value.Length > max)
        {
            problems.Add(ProtoProblems.Invalid(path, $"must be at most {max} characters (got {value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}: {ShownText.Quote(value)})"));
            return;
        }
        var hidden = value.AsSpan().IndexOfAny(HiddenChars);
        if (hidden >= 0)
        {
            problems.Add(ProtoProblems.Invalid(path,
                $"must not contain control, bidi or other hidden characters (got {ShownText.Quote(value)}, with U+{(int)value[hidden]:X4} at index {hidden})"));
        }
    }

    /// <summary>Every character <see cref="ShownText.IsHidden"/> is true of.</summary>
    private static readonly System.Buffers.SearchValues<char> HiddenChars = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(ShownText.IsHidden)]);
}

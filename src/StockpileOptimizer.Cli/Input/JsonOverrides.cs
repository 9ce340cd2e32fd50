using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StockpileOptimizer.Cli.Input;

/// <summary>
/// <c>--set path=value</c>: quick what-ifs on the JSON tree of an instance, with the
/// validator's camelCase paths (<c>countries[0].budgetUsd=5e8</c>, <c>policy.riskWeight=0.3</c>).
/// A list item can also be picked by its id: <c>countries[CA].budgetUsd</c>. The value is
/// JSON when it parses as JSON (numbers, true/false, null, lists, objects) and a string
/// otherwise; a field that holds a string always gets the text as given. The path must exist:
/// a misspelt field or an index past the end is reported with the fields or the length there
/// are, never silently added.
/// </summary>
internal static class JsonOverrides
{
    public static void Apply(JsonNode root, IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"--set {assignment}: expected path=value, e.g. --set policy.riskWeight=0.3");
            }
            var path = assignment[..equals].Trim();
            var value = assignment[(equals + 1)..];
            Set(root, JsonPath.Parse(path), path, assignment[(equals + 1)..]);
        }
    }

    private static void Set(JsonNode root, IReadOnlyList<JsonPath.Segment> segments, string path, string text)
    {
        var node = root;
        for (var i = 0; ; i++)
        {
            var (container, key) = Locate(node, segments[i], path, JsonPath.Format(segments.Take(i)));
            var child = container is JsonObject o ? o[(string)key] : container.AsArray()[(int)key];
            if (i == segments.Count - 1)
            {
                var value = Value(text, child);
                if (container is JsonObject obj)
                {
                    obj[(string)key] = value;
                }
                else
                {
                    container.AsArray()[(int)key] = value;
                }
                return;
            }
            node = child ?? throw CliException.Usage($"--set {path}: {JsonPath.Format(segments.Take(i + 1))} is null; set it as a whole instead");
        }
    }

    /// <summary>The container and the key (a property name or an index) that <paramref name="segment"/> names in <paramref name="node"/>.</summary>
    private static (JsonNode Container, object Key) Locate(JsonNode node, JsonPath.Segment segment, string path, string at)
    {
        var where = at.Length == 0 ? "the instance" : at;
        switch (segment)
        {
            case JsonPath.Property(var name):
                if (node is not JsonObject obj)
                {
                    throw CliException.Usage($"--set {path}: {where} is {Describe(node)}, it has no field '{name}'");
                }
                if (!obj.ContainsKey(name))
                {
                    var fields = obj.Select(p => p.Key).ToArray();
                    var guess = fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
                    throw CliException.Usage($"--set {path}: {where} has no field '{name}'"
                        + (guess is null ? "" : $" (did you mean '{guess}'?)")
                        + $"; its fields are {string.Join(", ", fields)}");
                }
                return (obj, name);
            case JsonPath.Index(var index):
                var array = node as JsonArray ?? throw CliException.Usage($"--set {path}: {where} is {Describe(node)}, not a list");
                if (index < 0 || index >= array.Count)
                {
                    throw CliException.Usage($"--set {path}: {where} has {array.Count} item{(array.Count == 1 ? "" : "s")}"
                        + (array.Count == 0 ? "" : $" (indices 0–{array.Count - 1})") + $", there is no [{index}]");
                }
                return (array, index);
            case JsonPath.Id(var id):
                var list = node as JsonArray ?? throw CliException.Usage($"--set {path}: {where} is {Describe(node)}, not a list");
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject item && item["id"] is JsonValue v && v.TryGetValue<string>(out var itemId) && itemId == id)
                    {
                        return (list, i);
                    }
                }
                var ids = list.OfType<JsonObject>().Select(x => x["id"]?.ToString()).Where(x => x is not null).ToArray();
                throw CliException.Usage($"--set {path}: {where} has no item with id '{id}'"
                    + (ids.Length == 0 ? "" : $"; its ids are {string.Join(", ", ids)}"));
            default:
                throw new InvalidOperationException($"unknown path segment {segment}");
        }
    }

    private static JsonNode? Value(string text, JsonNode? current)
    {
        if (current is JsonValue v && v.GetValueKind() == JsonValueKind.String && !text.StartsWith('"'))
        {
            return JsonValue.Create(text);
        }
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "an object",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "a number (" + v.ToJsonString() + ")",
            JsonValueKind.String => "a string",
            _ => v.ToJsonString(),
        },
        _ => node.GetValueKind().ToString().ToLower(CultureInfo.InvariantCulture),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Input;

/// <summary>Reading JSON input files (comments and trailing commas allowed), with errors that name the file, line and field.</summary>
internal static class InputFiles
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The text of <paramref name="path"/>, or of stdin for "-".</summary>
    public static string ReadText(string path, CliIo io, string what)
    {
        if (path == "-")
        {
            return (io.In ?? Console.In).ReadToEnd();
        }
        if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Input($"{path}: YAML is not read; give the {what} as JSON (// comments are allowed)");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Input($"{path}: cannot read the {what}: {e.Message}", e);
        }
    }

    /// <summary>Deserialises <paramref name="read"/>'s result, turning a JSON error into one that names the file, line and field.</summary>
    public static T Read<T>(string source, Func<T?> read, bool withLine = true)
    {
        try
        {
            return read() ?? throw CliException.Input($"{source}: the document is empty (null)");
        }
        catch (JsonException e)
        {
            throw CliException.Input(Describe(source, e, withLine), e);
        }
    }

    public static T Deserialize<T>(string source, string json) =>
        Read(source, () => JsonSerializer.Deserialize<T>(json, InstanceJson.Options));

    public static T Deserialize<T>(string source, JsonNode? node) =>
        Read(source, () => node.Deserialize<T>(InstanceJson.Options), withLine: false); // a tree's line numbers are not the file's

    public static JsonNode ParseTree(string source, string json) =>
        Read(source, () => JsonNode.Parse(json, documentOptions: DocumentOptions));

    /// <summary>"file: line 3, field countries[0].budgetUsd: …" from a System.Text.Json error.</summary>
    public static string Describe(string source, JsonException e, bool withLine = true)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        message = Friendly(cut < 0 ? message : message[..cut]);
        var parts = new List<string> { source };
        if (withLine && e.LineNumber is { } line)
        {
            parts.Add($"line {line + 1}");
        }
        var field = e.Path?.TrimStart('$').TrimStart('.');
        if (!string.IsNullOrEmpty(field))
        {
            parts.Add($"field {field}");
        }
        return $"{string.Join(", ", parts)}: {message}";
    }

    /// <summary>.NET type names in System.Text.Json's messages, in the planner's words.</summary>
    private static string Friendly(string message) => message
        .Replace("could not be converted to System.Double", "is not a number", StringComparison.Ordinal)
        .Replace("could not be converted to System.Int32", "is not a whole number", StringComparison.Ordinal)
        .Replace("could not be converted to System.String", "is not a string", StringComparison.Ordinal)
        .Replace("could not be converted to System.Boolean", "is not true or false", StringComparison.Ordinal);
}

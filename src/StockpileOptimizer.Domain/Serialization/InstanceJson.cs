using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockpileOptimizer.Domain;

/// <summary>Reading, writing and fingerprinting instances as JSON (camelCase, enums as strings).</summary>
public static class InstanceJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly JsonSerializerOptions Canonical = new(Options) { WriteIndented = false };

    public static StockpileInstance Parse(string json) =>
        JsonSerializer.Deserialize<StockpileInstance>(json, Options)
        ?? throw new JsonException("the document is empty (null)");

    public static StockpileInstance Load(string path) => Parse(File.ReadAllText(path));

    public static string Write(StockpileInstance instance) => JsonSerializer.Serialize(instance, Options);

    public static string WriteResult(SolveResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>SHA-256 of the canonical (compact, property-ordered) JSON, lower-case hex.</summary>
    public static string Fingerprint(StockpileInstance instance)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(instance, Canonical));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The embedded default US–Canada instance (Defaults/us-canada.json).</summary>
    public static StockpileInstance Default() => Parse(DefaultJson());

    /// <summary>Raw JSON of the default instance, with its source comments.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(InstanceJson).Assembly.GetManifestResourceStream(
            "StockpileOptimizer.Domain.Defaults.us-canada.json")
            ?? throw new InvalidOperationException("embedded default instance missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Text.Json;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// How the store keeps instances, options and results: the domain's JSON conventions
/// (<see cref="InstanceJson.Options"/>: camelCase, enums as strings, NaN allowed), compact.
/// </summary>
internal static class JobJson
{
    private static readonly JsonSerializerOptions Compact = new(InstanceJson.Options) { WriteIndented = false };

    public static string Write(StockpileInstance instance) => JsonSerializer.Serialize(instance, Compact);

    public static string Write(SolveOptions options) => JsonSerializer.Serialize(options, Compact);

    public static string Write(SolveResult result) => JsonSerializer.Serialize(result, Compact);

    public static StockpileInstance ReadInstance(string json) => InstanceJson.Parse(json);

    public static SolveOptions ReadOptions(string json) =>
        JsonSerializer.Deserialize<SolveOptions>(json, Compact) ?? throw new JsonException("stored solve options are null");

    public static SolveResult ReadResult(string json) =>
        JsonSerializer.Deserialize<SolveResult>(json, Compact) ?? throw new JsonException("stored result is null");
}

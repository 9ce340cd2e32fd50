using System.Text.Json;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// How the store keeps instances, options, analysis specs and results: the domain's JSON conventions
/// (<see cref="InstanceJson.Options"/>: camelCase, enums as strings, NaN allowed), compact.
/// </summary>
internal static class JobJson
{
    private static readonly JsonSerializerOptions Compact = new(InstanceJson.Options) { WriteIndented = false };

    public static string Write(StockpileInstance instance) => JsonSerializer.Serialize(instance, Compact);

    public static string Write(SolveOptions options) => JsonSerializer.Serialize(options, Compact);

    public static string Write(SolveResult result) => JsonSerializer.Serialize(result, Compact);

    /// <summary>An analysis spec with its "kind" discriminator.</summary>
    public static string Write(AnalysisSpec spec) => JsonSerializer.Serialize(spec, Compact);

    /// <summary>An analysis result with its "kind" discriminator.</summary>
    public static string Write(AnalysisResult result) => JsonSerializer.Serialize(result, Compact);

    public static StockpileInstance ReadInstance(string json) => InstanceJson.Parse(json);

    public static SolveOptions ReadOptions(string json) =>
        JsonSerializer.Deserialize<SolveOptions>(json, Compact) ?? throw new JsonException("stored solve options are null");

    public static AnalysisSpec ReadAnalysisSpec(string json) =>
        JsonSerializer.Deserialize<AnalysisSpec>(json, Compact) ?? throw new JsonException("stored analysis spec is null");

    public static AnalysisResult ReadAnalysisResult(string json) =>
        JsonSerializer.Deserialize<AnalysisResult>(json, Compact) ?? throw new JsonException("stored analysis result is null");

    public static SolveResult ReadResult(string json) =>
        JsonSerializer.Deserialize<SolveResult>(json, Compact) ?? throw new JsonException("stored result is null");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace StockpileOptimizer.Domain;

/// <summary>
/// The JSON Schema (draft 2020-12) of the instance file, generated from <see cref="StockpileInstance"/>
/// with the serializer options <see cref="InstanceJson"/> reads and writes with. The repository
/// keeps it as schema/instance.schema.json; a test regenerates it and compares.
/// </summary>
public static class InstanceSchema
{
    /// <summary>Where the schema is published, relative to the repository root.</summary>
    public const string RepositoryPath = "schema/instance.schema.json";

    /// <summary>The <c>$id</c> the schema declares (a name, not a download location).</summary>
    public const string Id = "urn:stockpile-optimizer:schema:instance";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The schema as a node: every property optional (an omitted field keeps its default), no unknown properties, enums as their kebab-case names.</summary>
    public static JsonNode Generate()
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            // The reader ignores unknown properties, which turns a misspelt field into a silent
            // default; the schema names them so that an editor or a checker flags the typo.
            TransformSchemaNode = (context, node) =>
            {
                if (node is not JsonObject obj)
                {
                    return node;
                }
                // The reader also takes "NaN" and "Infinity" (the validator then refuses them, naming
                // the field): a number in a valid file is a JSON number, and null where it may be unset.
                if (obj.ContainsKey("anyOf") && (context.TypeInfo.Type == typeof(double) || context.TypeInfo.Type == typeof(double?)))
                {
                    obj.Remove("anyOf");
                    obj["type"] = context.TypeInfo.Type == typeof(double?) ? new JsonArray("number", "null") : "number";
                }
                // The reader ignores unknown properties, which turns a misspelt field into a silent
                // default; the schema names them so that an editor or a checker flags the typo.
                if (obj.ContainsKey("properties"))
                {
                    obj["additionalProperties"] = false;
                }
                return obj;
            },
        };
        var options = new JsonSerializerOptions(InstanceJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var schema = options.GetJsonSchemaAsNode(typeof(StockpileInstance), exporter);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "StockpileOptimizer instance",
            ["description"] = "An instance file (docs/model.md, docs/cli.md). Readers also accept // comments and "
                + "trailing commas; unknown properties are ignored; omitted properties keep their defaults. "
                + "The schema checks form only: the validator's rules (docs/model.md) still apply.",
        };
        foreach (var (name, value) in schema.AsObject().ToList())
        {
            schema.AsObject().Remove(name);
            root[name] = value;
        }
        return root;
    }

    /// <summary>The schema as the checked-in file holds it: indented, '\n' line ends, a final newline.</summary>
    public static string GenerateText() => Generate().ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}

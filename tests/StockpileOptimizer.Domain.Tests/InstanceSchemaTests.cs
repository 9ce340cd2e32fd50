using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// schema/instance.schema.json is what <see cref="InstanceSchema"/> generates from the types, and
/// it accepts every instance file the project ships (comments stripped) and every test instance.
/// To refresh the file after changing the instance types: STOCKPILE_UPDATE_SCHEMA=1 dotnet test
/// tests/StockpileOptimizer.Domain.Tests --filter "FullyQualifiedName~InstanceSchemaTests".
/// </summary>
public sealed class InstanceSchemaTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Lazy<JsonSchema> Published = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StockpileOptimizer.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("repository root (StockpileOptimizer.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    private static string SchemaPath => Path.Combine(RepositoryRoot, InstanceSchema.RepositoryPath);

    [Fact]
    public void The_checked_in_schema_is_what_the_types_generate()
    {
        var generated = InstanceSchema.GenerateText();
        if (Environment.GetEnvironmentVariable("STOCKPILE_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaPath, generated);
        }
        Assert.True(File.Exists(SchemaPath), $"{InstanceSchema.RepositoryPath} is missing");
        Assert.Equal(generated, File.ReadAllText(SchemaPath).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_schema_names_every_top_level_field_and_spells_enums_as_the_files_do()
    {
        var schema = InstanceSchema.Generate();
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        // Every property the writer emits for a fully populated instance is described.
        var written = JsonNode.Parse(InstanceJson.Write(TestInstances.ValidV2()))!.AsObject().Select(p => p.Key);
        Assert.Subset(properties, written.ToHashSet());
        Assert.Equal("urn:stockpile-optimizer:schema:instance", (string?)schema["$id"]);
        // Enums are names in kebab-case ("joint", "top-up"), never numbers.
        var text = schema.ToJsonString();
        Assert.Contains("\"joint\"", text);
        Assert.Contains("\"top-up\"", text, StringComparison.Ordinal);
    }

    public static TheoryData<string> ShippedFiles() => new()
    {
        "src/StockpileOptimizer.Domain/Defaults/us-canada.json",
        "docs/examples/what-if.json",
    };

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Accepts_each_shipped_instance_file_with_its_comments_stripped(string relativePath)
    {
        var plain = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, relativePath)), documentOptions: Lenient)!;
        AssertValid(plain, relativePath);
    }

    [Fact]
    public void Accepts_the_default_instance_as_the_writer_writes_it()
    {
        AssertValid(JsonNode.Parse(InstanceJson.Write(InstanceJson.Default()))!, "InstanceJson.Write(default)");
    }

    [Fact]
    public void Accepts_the_v1_and_v2_test_instances()
    {
        AssertValid(TestInstances.ToJson(TestInstances.Valid()), "v1 test instance");
        AssertValid(TestInstances.ToJson(TestInstances.ValidV2()), "v2 test instance");
    }

    [Theory]
    [InlineData("horizon.periods", "\"four\"", "/horizon/periods")]
    [InlineData("policy.mode", "\"together\"", "/policy/mode")]
    [InlineData("countries[0].budgetUsd", "true", "/countries/0/budgetUsd")]
    [InlineData("countries", "{}", "/countries")]
    public void Rejects_a_wrong_type_or_enum_name_at_its_location(string path, string json, string location)
    {
        var root = TestInstances.ToJson(TestInstances.Valid());
        Assert.True(TestInstances.Set(root, path, JsonNode.Parse(json)));
        var result = Evaluate(root);
        Assert.False(result.IsValid);
        Assert.Contains(Failures(result), f => f.StartsWith(location + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_misspelt_field()
    {
        var root = TestInstances.ToJson(TestInstances.Valid());
        root["countries"]![0]!["budgetUSD"] = 1e9;
        var result = Evaluate(root);
        Assert.False(result.IsValid);
        Assert.Contains(Failures(result), f => f.StartsWith("/countries/0/budgetUSD:", StringComparison.Ordinal));
    }

    private static EvaluationResults Evaluate(JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        return Published.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<string> Failures(EvaluationResults result) =>
        new[] { result }.Concat(result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty(JsonSerializer.Serialize(result));

    private static void AssertValid(JsonNode instance, string what)
    {
        var result = Evaluate(instance);
        Assert.True(result.IsValid, $"{what} does not match the schema:\n" + string.Join("\n", Failures(result).Take(20)));
    }
}

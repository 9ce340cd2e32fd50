using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>An edit to the small instance's JSON: the node at <see cref="Path"/> becomes <see cref="Json"/>.</summary>
public sealed record Fault(string Path, string Json)
{
    /// <summary>Not JSON: append a copy of the list's first item (duplicate ids and keys).</summary>
    public const string Duplicate = "<duplicate first item>";

    public override string ToString() => $"{Path} := {Json}";
}

/// <summary>Generators of faults placed anywhere in the small instance, shaped so its JSON still parses.</summary>
public static class FaultArbitraries
{
    private static readonly string[] BadDoubles = ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-1", "-1e-12", "-1e300"];
    private static readonly string[] BadIntegers = ["-1", "-2147483648"];

    /// <summary>Enums (written as names; any other string does not parse) are left alone.</summary>
    private static readonly HashSet<string> EnumFields = ["mode", "releaseRule", "costView", "bolrContract", "basis"];

    private static readonly IReadOnlyList<(string Path, string[] Replacements)> Anywhere =
        [.. Nodes(ToJson(Valid())).Where(n => !EnumFields.Contains(FieldName(n.Path))).Select(n => (n.Path, ReplacementsFor(n.Path, n.Node)))];

    private static readonly IReadOnlyList<(string Path, string[] Replacements)> NumericLeaves =
        [.. NumericFields().Select(path => (path, IntegerFields.Contains(FieldName(path)) ? BadIntegers : BadDoubles))];

    /// <summary>One to eight faults of any kind, anywhere: bad numbers, nulls, blanks, unknown or repeated ids, empty lists.</summary>
    public static Arbitrary<Fault[]> Faults() =>
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Pick(Anywhere), n)).ToArbitrary();

    /// <summary>One invalid number (NaN, ±∞ or negative) in one numeric field.</summary>
    public static Arbitrary<Fault> BadNumber() => Pick(NumericLeaves).ToArbitrary();

    /// <summary>The path of every number in the small instance, e.g. <c>demands[0].tonnesPerPeriod[3]</c>.</summary>
    public static IEnumerable<string> NumericFields() =>
        Nodes(ToJson(Valid())).Where(n => n.Node?.GetValueKind() == JsonValueKind.Number).Select(n => n.Path);

    public static StockpileInstance Apply(IEnumerable<Fault> faults)
    {
        var root = ToJson(Valid());
        foreach (var fault in faults)
        {
            if (fault.Json != Fault.Duplicate)
            {
                Set(root, fault.Path, JsonNode.Parse(fault.Json));
            }
            else if (Navigate(root, Steps(fault.Path)) is JsonArray { Count: > 0 } list)
            {
                list.Add(list[0]?.DeepClone());
            }
        }
        return FromJson(root);
    }

    private static Gen<Fault> Pick(IReadOnlyList<(string Path, string[] Replacements)> targets) =>
        Gen.Elements(targets.AsEnumerable()).SelectMany(t => Gen.Elements(t.Replacements).Select(json => new Fault(t.Path, json)));

    private static string[] ReplacementsFor(string path, JsonNode? node) => node switch
    {
        JsonObject => ["null", "{}"],
        JsonArray when FieldName(path) is "tonnesPerPeriod" or "tonnesByTier" =>
            ["null", "[]", "[-1]", "[\"NaN\", 0, 0, 0]", "[0, 0, 0, 0, 0, 0]"],
        JsonArray => ["null", "[]", "[null]", Fault.Duplicate],
        // Unset v2 options (null: the format version's default).
        null when FieldName(path) == "tieBreaking" => ["true", "false"],
        null => [.. BadDoubles, "0", "1", "2", "1e308"],
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Number when IntegerFields.Contains(FieldName(path)) => [.. BadIntegers, "0", "1", "2147483647"],
            JsonValueKind.Number => [.. BadDoubles, "0", "1", "2", "1e308"],
            JsonValueKind.String => ["null", "\"\"", "\" \"", "\"US\"", "\"CA\"", "\"NdPr\"", "\"CN\"", "\"zz\""],
            _ => ["true", "false"],
        },
    };
}

public sealed class ValidationPropertyTests
{
    [Property(Arbitrary = [typeof(FaultArbitraries)], MaxTest = 500, Replay = "(20261208,11400714819323198485)")]
    public void Validate_never_throws_and_every_path_names_a_field(Fault[] faults)
    {
        var instance = FaultArbitraries.Apply(faults);

        var violations = InstanceValidator.Validate(instance);

        var json = ToJson(instance);
        Assert.All(violations, v => Assert.True(Exists(json, v.Path), $"{v.Path} is not a field of the instance"));
    }

    [Property(Arbitrary = [typeof(FaultArbitraries)], MaxTest = 300, Replay = "(20261209,11400714819323198485)")]
    public void An_invalid_number_is_reported_at_its_field(Fault fault)
    {
        var violations = InstanceValidator.Validate(FaultArbitraries.Apply([fault]));

        Assert.Contains(fault.Path, violations.Paths());
    }

    [Fact]
    public void NaN_or_a_negative_integer_in_any_numeric_field_is_reported_at_that_field()
    {
        var missed = FaultArbitraries.NumericFields()
            .Select(path => new Fault(path, IntegerFields.Contains(FieldName(path)) ? "-1" : "\"NaN\""))
            .Where(fault => !InstanceValidator.Validate(FaultArbitraries.Apply([fault])).Paths().Contains(fault.Path))
            .ToList();

        Assert.Empty(missed);
        Assert.True(FaultArbitraries.NumericFields().Count() > 40, "the walk should reach every numeric field");
    }

    /// <summary>The path leads to a property or list item (which may be null) of the JSON.</summary>
    private static bool Exists(JsonNode root, string path)
    {
        var steps = Steps(path);
        return (Navigate(root, steps[..^1]), steps[^1]) switch
        {
            (JsonObject o, string name) => o.ContainsKey(name),
            (JsonArray a, int i) => i < a.Count,
            _ => false,
        };
    }
}

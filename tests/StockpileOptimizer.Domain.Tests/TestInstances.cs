using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// A small valid instance, and edits to it made through its JSON form so that a test names
/// a field exactly as a planner (and a <see cref="Violation.Path"/>) does.
/// </summary>
internal static partial class TestInstances
{
    /// <summary>2 countries, 2 materials, 2 sectors, 1 source, 1 producer, 1 investment with 2 partners, tiers 0/10 %, 2 scenarios, H = 4.</summary>
    public static StockpileInstance Valid() => new()
    {
        Name = "validator test",
        Horizon = new() { Periods = 4, MonthsPerPeriod = 3, Start = "2026Q1" },
        Countries =
        [
            new() { Id = "US", Name = "United States", BudgetUsd = 2e9, StorageTonnes = 5000 },
            new() { Id = "CA", Name = "Canada", BudgetUsd = 5e8, StorageTonnes = 2000 },
        ],
        Materials =
        [
            new() { Id = "NdPr", Group = "light-ree", PriceUsdPerTonne = 60_000, AcquisitionUsdPerTonne = 65_000, HoldingUsdPerTonnePeriod = 900 },
            new() { Id = "Dy", Group = "heavy-ree", PriceUsdPerTonne = 250_000, AcquisitionUsdPerTonne = 260_000, HoldingUsdPerTonnePeriod = 3_000 },
        ],
        Sectors = [new() { Id = "defence", Defence = true }, new() { Id = "auto" }],
        Demands =
        [
            new() { Country = "US", Material = "NdPr", Sector = "defence", TonnesPerPeriod = [100, 100, 110, 120], DamageUsdPerTonne = 1e6 },
            new() { Country = "US", Material = "NdPr", Sector = "auto", TonnesPerPeriod = [400, 400, 400, 400], DamageUsdPerTonne = 2e5 },
            new() { Country = "CA", Material = "Dy", Sector = "auto", TonnesPerPeriod = [5, 5, 6, 6], DamageUsdPerTonne = 5e5 },
        ],
        ImportSources = [new() { Id = "CN", Name = "China" }],
        Imports =
        [
            new() { Country = "US", Material = "NdPr", Source = "CN", TonnesPerPeriod = 450 },
            new() { Country = "CA", Material = "Dy", Source = "CN", TonnesPerPeriod = 6 },
        ],
        Producers =
        [
            new()
            {
                Id = "mountain-pass", Country = "US", Material = "NdPr", CapacityTonnesPerPeriod = 300,
                RampTonnesPerPeriod = 50, UnitCostUsdPerTonne = 55_000, FloorPriceUsdPerTonne = 110_000,
                MaxCommitmentTonnesPerPeriod = 200,
            },
        ],
        Investments =
        [
            new()
            {
                Id = "separation", Producer = "mountain-pass", AddedCapacityTonnesPerPeriod = 100,
                LeadTimePeriods = 2, CapexUsd = 3e8,
                Partners = [new() { Country = "US", MinShare = 0.2, MaxShare = 1 }, new() { Country = "CA", MinShare = 0, MaxShare = 0.8 }],
            },
        ],
        Tiers = [new() { Id = "none", Rate = 0 }, new() { Id = "ten", Rate = 0.1 }],
        PrivateStock = [new() { Country = "US", Material = "NdPr", TonnesByTier = [0, 50] }],
        Sharing = [new() { CountryA = "US", CountryB = "CA", Material = "NdPr", TonnesPerPeriod = 20 }],
        Scenarios =
        [
            new() { Id = "calm", Probability = 0.5 },
            new()
            {
                Id = "halt", Probability = 0.5, DemandScale = 1.1,
                Events =
                [
                    new() { Source = "CN", Materials = ["Dy"], Groups = ["light-ree"], FromPeriod = 2, ToPeriod = 3, Availability = 0.2, PriceMultiplier = 3 },
                    new() { Kind = "price-war", Materials = ["NdPr"], FromPeriod = 4, ToPeriod = 4, PriceMultiplier = 0.6 },
                ],
            },
        ],
        Policy = new()
        {
            RiskWeight = 0.5, CvarAlpha = 0.9, RefillFraction = 0.5,
            CoverageFloors = [new() { Country = "US", Material = "NdPr", Months = 6 }],
        },
    };

    /// <summary>Integer fields; every other number in an instance is a double.</summary>
    public static readonly IReadOnlySet<string> IntegerFields =
        new HashSet<string> { "formatVersion", "periods", "monthsPerPeriod", "leadTimePeriods", "fromPeriod", "toPeriod" };

    /// <summary>Sets the field at <paramref name="path"/> (e.g. <c>demands[0].tonnesPerPeriod[3]</c>) to the JSON <paramref name="json"/>.</summary>
    public static StockpileInstance With(this StockpileInstance instance, string path, string json)
    {
        var root = ToJson(instance);
        Set(root, path, JsonNode.Parse(json));
        return FromJson(root);
    }

    public static JsonNode ToJson(StockpileInstance instance) => JsonNode.Parse(InstanceJson.Write(instance))!;

    public static StockpileInstance FromJson(JsonNode root) =>
        root.Deserialize<StockpileInstance>(InstanceJson.Options)!;

    /// <summary>Replaces the node at <paramref name="path"/>; false when the path no longer leads anywhere.</summary>
    public static bool Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = Steps(path);
        var parent = Navigate(root, steps[..^1]);
        switch (parent, steps[^1])
        {
            case (JsonObject o, string name) when o.ContainsKey(name):
                o[name] = value;
                return true;
            case (JsonArray a, int i) when i < a.Count:
                a[i] = value;
                return true;
            default:
                return false;
        }
    }

    public static JsonNode? Navigate(JsonNode? node, IEnumerable<object> steps)
    {
        foreach (var step in steps)
        {
            node = (node, step) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    /// <summary>"a[1].b" → ["a", 1, "b"].</summary>
    public static object[] Steps(string path) =>
        [.. Step().Matches(path).Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value))];

    /// <summary>Every node below <paramref name="node"/> with its path, depth first.</summary>
    public static IEnumerable<(string Path, JsonNode? Node)> Nodes(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    yield return (childPath, child);
                    foreach (var below in Nodes(child, childPath))
                    {
                        yield return below;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return ($"{path}[{i}]", a[i]);
                    foreach (var below in Nodes(a[i], $"{path}[{i}]"))
                    {
                        yield return below;
                    }
                }
                break;
        }
    }

    /// <summary>The field name a path ends in, skipping list indices: "a[1].b[2]" → "b".</summary>
    public static string FieldName(string path) => Steps(path).OfType<string>().Last();

    public static IReadOnlyList<string> Paths(this IEnumerable<Violation> violations) =>
        [.. violations.Select(v => v.Path)];

    [GeneratedRegex(@"([A-Za-z]+)|\[(\d+)\]")]
    private static partial Regex Step();
}

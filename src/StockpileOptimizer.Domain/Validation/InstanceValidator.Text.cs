namespace StockpileOptimizer.Domain;

// Ids, names and labels (AIP-122 style). An id is what references and results use, so it is
// short and plain; a name is for people, so it may be any text but a bounded one without
// control characters. Before these rules a 4,000,000-character id was accepted, echoed whole
// in every error that named it, and stored (docs/reliability.md).
public static partial class InstanceValidator
{
    /// <summary>Longest id of a country, material, sector, import source, producer, investment, tier or scenario, and of a material group: 63 (AIP-122).</summary>
    public const int MaxIdLength = 63;

    /// <summary>Longest name (of the instance or of one of its entities) and label (horizon.start, an event's kind): 256.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Names and labels everywhere; the material groups, which are ids. Ids themselves are checked with their sets (Checks.Ids).</summary>
    private static void CheckTexts(Checks checks, StockpileInstance instance)
    {
        checks.Text("name", instance.Name, MaxNameLength);
        checks.Text("horizon.start", instance.Horizon?.Start, MaxNameLength);
        Names(checks, instance.Countries, "countries", c => c.Name);
        Names(checks, instance.Materials, "materials", m => m.Name);
        Names(checks, instance.Sectors, "sectors", s => s.Name);
        Names(checks, instance.ImportSources, "importSources", s => s.Name);
        Names(checks, instance.Producers, "producers", p => p.Name);
        Names(checks, instance.Investments, "investments", i => i.Name);
        Names(checks, instance.Scenarios, "scenarios", s => s.Name);
        foreach (var (material, i) in Each(instance.Materials))
        {
            if (!string.IsNullOrWhiteSpace(material.Group))
            {
                checks.Id($"materials[{i}].group", material.Group);
            }
        }
        foreach (var (scenario, s) in Each(instance.Scenarios))
        {
            foreach (var (e, k) in Each(scenario.Events))
            {
                checks.Text($"scenarios[{s}].events[{k}].kind", e.Kind, MaxNameLength);
            }
        }
    }

    private static void Names<T>(Checks checks, IReadOnlyList<T>? items, string path, Func<T, string?> name)
        where T : class
    {
        foreach (var (item, i) in Each(items))
        {
            checks.Text($"{path}[{i}].name", name(item), MaxNameLength);
        }
    }

    /// <summary>The non-null items with their indices (null lists and items are reported elsewhere).</summary>
    private static IEnumerable<(T Item, int Index)> Each<T>(IReadOnlyList<T>? items)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is { } item)
            {
                yield return (item, i);
            }
        }
    }
}

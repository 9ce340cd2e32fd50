namespace StockpileOptimizer.Domain;

// Normal supply: import links per (country, material, source) and domestic producers.
public static partial class InstanceValidator
{
    private static void CheckImports(Checks checks, IReadOnlyList<ImportLink>? imports, Known known)
    {
        var items = checks.Items(imports, "imports");
        foreach (var (link, path) in items)
        {
            checks.Ref($"{path}.country", link.Country, known.Countries, "country");
            checks.Ref($"{path}.material", link.Material, known.Materials, "material");
            checks.Ref($"{path}.source", link.Source, known.Sources, "import source");
            checks.NonNegative($"{path}.tonnesPerPeriod", link.TonnesPerPeriod);
        }
        checks.UniqueKeys(items, l => (l.Country ?? "", l.Material ?? "", l.Source ?? ""),
            "(country, material, source)", k => $"({k.Item1}, {k.Item2}, {k.Item3})");
    }

    private static HashSet<string> CheckProducers(Checks checks, IReadOnlyList<Producer>? producers, Known known)
    {
        var items = checks.Items(producers, "producers");
        foreach (var (producer, path) in items)
        {
            checks.Ref($"{path}.country", producer.Country, known.Countries, "country");
            checks.Ref($"{path}.material", producer.Material, known.Materials, "material");
            checks.NonNegative($"{path}.capacityTonnesPerPeriod", producer.CapacityTonnesPerPeriod);
            checks.NonNegative($"{path}.rampTonnesPerPeriod", producer.RampTonnesPerPeriod);
            checks.NonNegative($"{path}.unitCostUsdPerTonne", producer.UnitCostUsdPerTonne);
            checks.NonNegative($"{path}.floorPriceUsdPerTonne", producer.FloorPriceUsdPerTonne);
            checks.NonNegative($"{path}.maxCommitmentTonnesPerPeriod", producer.MaxCommitmentTonnesPerPeriod);
        }
        return checks.Ids(items, p => p.Id);
    }
}

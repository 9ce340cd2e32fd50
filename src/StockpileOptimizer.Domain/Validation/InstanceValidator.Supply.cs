namespace StockpileOptimizer.Domain;

// Normal supply: import links per (country, material, source) and domestic producers.
public static partial class InstanceValidator
{
    private static void CheckImports(Checks checks, IReadOnlyList<ImportLink>? imports, Known known)
    {
        var items = checks.Items(imports, "imports");
        foreach (var (link, path) in items)
        {
            checks.CountryAndMaterial(path, link.Country, link.Material, known);
            checks.Ref($"{path}.source", link.Source, known.Sources, "import source");
            checks.NonNegative($"{path}.tonnesPerPeriod", link.TonnesPerPeriod, MaxTonnes);
        }
        checks.UniqueKeys(items, "(country, material, source)", l => [l.Country, l.Material, l.Source]);
    }

    private static HashSet<string> CheckProducers(Checks checks, IReadOnlyList<Producer>? producers, Known known)
    {
        var items = checks.Items(producers, "producers");
        foreach (var (producer, path) in items)
        {
            checks.CountryAndMaterial(path, producer.Country, producer.Material, known);
            checks.NonNegative($"{path}.capacityTonnesPerPeriod", producer.CapacityTonnesPerPeriod, MaxTonnes);
            checks.NonNegative($"{path}.rampTonnesPerPeriod", producer.RampTonnesPerPeriod, MaxTonnes);
            checks.NonNegative($"{path}.unitCostUsdPerTonne", producer.UnitCostUsdPerTonne, MaxUsdPerTonne);
            checks.NonNegative($"{path}.floorPriceUsdPerTonne", producer.FloorPriceUsdPerTonne, MaxUsdPerTonne);
            checks.NonNegative($"{path}.maxCommitmentTonnesPerPeriod", producer.MaxCommitmentTonnesPerPeriod, MaxTonnes);
            checks.NonNegative($"{path}.commitmentFeeUsdPerTonnePeriod", producer.CommitmentFeeUsdPerTonnePeriod, MaxUsdPerTonne);
            checks.NonNegative($"{path}.signedCommitmentTonnesPerPeriod", producer.SignedCommitmentTonnesPerPeriod, MaxTonnes);
        }
        return checks.Ids(items, p => p.Id);
    }
}

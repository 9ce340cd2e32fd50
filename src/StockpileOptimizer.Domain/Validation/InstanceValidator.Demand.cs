namespace StockpileOptimizer.Domain;

// Demand per (country, material, sector): a series of length H and a damage per tonne unmet.
public static partial class InstanceValidator
{
    private static void CheckDemands(Checks checks, IReadOnlyList<Demand>? demands, Known known)
    {
        var items = checks.Items(demands, "demands");
        foreach (var (demand, path) in items)
        {
            checks.CountryAndMaterial(path, demand.Country, demand.Material, known);
            checks.Ref($"{path}.sector", demand.Sector, known.Sectors, "sector");
            checks.NonNegative($"{path}.damageUsdPerTonne", demand.DamageUsdPerTonne, MaxUsdPerTonne);
            var series = checks.Series(demand.TonnesPerPeriod, $"{path}.tonnesPerPeriod", MaxTonnes);
            if (demand.TonnesPerPeriod is not null && known.Periods >= 1 && series.Count != known.Periods)
            {
                checks.Add($"{path}.tonnesPerPeriod",
                    $"must have one entry per period: expected {known.Periods} (horizon.periods), got {series.Count}");
            }
        }
        checks.UniqueKeys(items, "(country, material, sector)", d => [d.Country, d.Material, d.Sector]);
    }
}

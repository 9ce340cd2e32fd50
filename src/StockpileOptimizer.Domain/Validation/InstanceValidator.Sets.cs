namespace StockpileOptimizer.Domain;

// The index sets: horizon, countries, materials, sectors, import sources, tax-credit tiers.
public static partial class InstanceValidator
{
    /// <returns>H when it is usable (≥ 1), else 0 so that length checks against it are skipped.</returns>
    private static int CheckHorizon(Checks checks, Horizon? horizon)
    {
        if (horizon is null)
        {
            checks.Add("horizon", "is missing (null)");
            return 0;
        }
        checks.AtLeast("horizon.periods", horizon.Periods, 1);
        checks.AtLeast("horizon.monthsPerPeriod", horizon.MonthsPerPeriod, 1);
        if (horizon.MonthsPerPeriod > MaxMonthsPerPeriod)
        {
            checks.Add("horizon.monthsPerPeriod", $"must be ≤ {MaxMonthsPerPeriod} (a year) (got {horizon.MonthsPerPeriod})");
        }
        return Math.Max(0, horizon.Periods);
    }

    private static HashSet<string> CheckCountries(Checks checks, IReadOnlyList<Country>? countries)
    {
        var items = checks.Required(countries, "countries", "country");
        foreach (var (country, path) in items)
        {
            checks.NonNegative($"{path}.budgetUsd", country.BudgetUsd, MaxUsd);
            checks.NonNegative($"{path}.storageTonnes", country.StorageTonnes, MaxTonnes);
        }
        return checks.Ids(items, c => c.Id);
    }

    private static HashSet<string> CheckMaterials(
        Checks checks, IReadOnlyList<Material>? materials, out HashSet<string> groups)
    {
        var items = checks.Required(materials, "materials", "material");
        foreach (var (material, path) in items)
        {
            checks.NonNegative($"{path}.priceUsdPerTonne", material.PriceUsdPerTonne, MaxUsdPerTonne);
            checks.NonNegative($"{path}.acquisitionUsdPerTonne", material.AcquisitionUsdPerTonne, MaxUsdPerTonne);
            checks.NonNegative($"{path}.holdingUsdPerTonnePeriod", material.HoldingUsdPerTonnePeriod, MaxUsdPerTonne);
        }
        groups = [.. items.Select(m => m.Item.Group).Where(g => !string.IsNullOrWhiteSpace(g))];
        return checks.Ids(items, m => m.Id);
    }

    private static HashSet<string> CheckSectors(Checks checks, IReadOnlyList<Sector>? sectors) =>
        checks.Ids(checks.Required(sectors, "sectors", "sector"), s => s.Id);

    private static HashSet<string> CheckImportSources(Checks checks, IReadOnlyList<ImportSource>? sources) =>
        checks.Ids(checks.Items(sources, "importSources"), s => s.Id);

    /// <returns>The number of tiers, the length every private-stock response must have.</returns>
    private static int CheckTiers(Checks checks, IReadOnlyList<TaxCreditTier>? tiers)
    {
        var items = checks.Required(tiers, "tiers", "tax-credit tier");
        foreach (var (tier, path) in items)
        {
            checks.Fraction($"{path}.rate", tier.Rate);
        }
        checks.Ids(items, t => t.Id);
        // A (country, material) with a response must be able to choose "no credit".
        if (items.Count > 0 && !items.Any(t => t.Item.Rate == 0))
        {
            checks.Add("tiers", "must include a tier with rate exactly 0 (no credit)");
        }
        return tiers?.Count ?? 0;
    }
}

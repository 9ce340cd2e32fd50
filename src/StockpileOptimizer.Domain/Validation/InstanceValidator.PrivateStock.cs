namespace StockpileOptimizer.Domain;

// Private inventory induced by each tax-credit tier, per (country, material).
public static partial class InstanceValidator
{
    private static void CheckPrivateStock(Checks checks, IReadOnlyList<PrivateStockResponse>? responses, Known known)
    {
        var items = checks.Items(responses, "privateStock");
        foreach (var (response, path) in items)
        {
            checks.CountryAndMaterial(path, response.Country, response.Material, known);
            var tonnes = checks.Series(response.TonnesByTier, $"{path}.tonnesByTier", MaxTonnes);
            if (response.TonnesByTier is not null && known.TierCount > 0 && tonnes.Count != known.TierCount)
            {
                checks.Add($"{path}.tonnesByTier",
                    $"must have one entry per tier: expected {known.TierCount} (tiers), got {tonnes.Count}");
            }
        }
        checks.UniqueKeys(items, "(country, material)", r => [r.Country, r.Material]);
    }
}

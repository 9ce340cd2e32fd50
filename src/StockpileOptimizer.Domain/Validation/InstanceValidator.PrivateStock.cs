namespace StockpileOptimizer.Domain;

// Private inventory induced by each tax-credit tier, per (country, material).
public static partial class InstanceValidator
{
    private static void CheckPrivateStock(Checks checks, IReadOnlyList<PrivateStockResponse>? responses, Known known)
    {
        var items = checks.Items(responses, "privateStock");
        foreach (var (response, path) in items)
        {
            checks.Ref($"{path}.country", response.Country, known.Countries, "country");
            checks.Ref($"{path}.material", response.Material, known.Materials, "material");
            var tonnes = checks.Series(response.TonnesByTier, $"{path}.tonnesByTier");
            if (response.TonnesByTier is not null && known.TierCount > 0 && tonnes.Count != known.TierCount)
            {
                checks.Add($"{path}.tonnesByTier",
                    $"must have one entry per tier: expected {known.TierCount} (tiers), got {tonnes.Count}");
            }
        }
        checks.UniqueKeys(items, r => (r.Country ?? "", r.Material ?? ""),
            "(country, material)", k => $"({k.Item1}, {k.Item2})");
    }
}

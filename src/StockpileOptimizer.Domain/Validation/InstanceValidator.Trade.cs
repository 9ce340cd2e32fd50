namespace StockpileOptimizer.Domain;

// Commercial trade between partners (model v2): per (from, to, material), a cap and a duty.
public static partial class InstanceValidator
{
    /// <returns>The routes "from→to" of the links, against which tariff events are checked.</returns>
    private static HashSet<string> CheckTrade(Checks checks, IReadOnlyList<TradeLink>? links, Known known)
    {
        var items = checks.Items(links, "trade");
        foreach (var (link, path) in items)
        {
            checks.Ref($"{path}.from", link.From, known.Countries, "country");
            checks.Ref($"{path}.to", link.To, known.Countries, "country");
            checks.Ref($"{path}.material", link.Material, known.Materials, "material");
            checks.NonNegative($"{path}.tonnesPerPeriod", link.TonnesPerPeriod, MaxTonnes);
            checks.NonNegative($"{path}.tariff", link.Tariff, MaxTariff);
            if (!string.IsNullOrWhiteSpace(link.From) && link.From == link.To)
            {
                checks.Add($"{path}.to", $"must differ from from (both are {ShownText.Quote(link.From)}): trade is between partners");
            }
        }
        // Unlike a sharing link, a trade link has a direction: (A, B) and (B, A) are two links.
        checks.UniqueKeys(items, "(from, to, material)", l => [l.From, l.To, l.Material]);
        return [.. items.Select(l => Route(l.Item.From, l.Item.To))];
    }

    private static string Route(string? from, string? to) => $"{from}→{to}";

    private static void CheckTariffEvent(Checks checks, TariffEvent e, string path, Known known)
    {
        checks.Ref($"{path}.from", e.From, known.Countries, "country");
        checks.Ref($"{path}.to", e.To, known.Countries, "country");
        if (!string.IsNullOrWhiteSpace(e.From) && e.From == e.To)
        {
            checks.Add($"{path}.to", $"must differ from from (both are {ShownText.Quote(e.From)})");
        }
        else if (known.Countries.Contains(e.From ?? "") && known.Countries.Contains(e.To ?? "")
            && !known.TradeRoutes.Contains(Route(e.From, e.To)))
        {
            checks.Add(path, $"changes the duty on trade from {ShownText.Quote(e.From)} to {ShownText.Quote(e.To)}, but no trade link runs that way, so it affects nothing");
        }
        // Both lists empty is allowed here: the event covers every material.
        CheckMaterialsAndGroups(checks, e.Materials, e.Groups, path, known);
        checks.NonNegative($"{path}.tariff", e.Tariff, MaxTariff);
        CheckWindow(checks, path, e.FromPeriod, e.ToPeriod, known.Periods);
    }
}

namespace StockpileOptimizer.Domain;

// The sharing agreement: per (pair of countries, material), a cap on transfers each way.
public static partial class InstanceValidator
{
    private static void CheckSharing(Checks checks, IReadOnlyList<SharingLink>? links, Known known)
    {
        var items = checks.Items(links, "sharing");
        foreach (var (link, path) in items)
        {
            checks.Ref($"{path}.countryA", link.CountryA, known.Countries, "country");
            checks.Ref($"{path}.countryB", link.CountryB, known.Countries, "country");
            checks.Ref($"{path}.material", link.Material, known.Materials, "material");
            checks.NonNegative($"{path}.tonnesPerPeriod", link.TonnesPerPeriod, MaxTonnes);
            if (!string.IsNullOrWhiteSpace(link.CountryA) && link.CountryA == link.CountryB)
            {
                checks.Add($"{path}.countryB", $"must differ from countryA (both are {ShownText.Quote(link.CountryA)})");
            }
        }
        // A link covers both directions, so (A, B) and (B, A) are the same link.
        checks.UniqueKeys(items, "(country pair, material)", l => [Pair(l.CountryA, l.CountryB), l.Material]);
    }

    private static string Pair(string? a, string? b) =>
        string.CompareOrdinal(a, b) <= 0 ? $"{a}–{b}" : $"{b}–{a}";
}

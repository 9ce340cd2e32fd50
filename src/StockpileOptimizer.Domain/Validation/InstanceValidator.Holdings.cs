namespace StockpileOptimizer.Domain;

// Holdings at t = 0 (model v2): per (country, material), government and private tonnes.
public static partial class InstanceValidator
{
    /// <summary>Slack allowed when holdings are summed against storage, so that decimal tonnes that add up to it fit.</summary>
    private const double StorageTolerance = 1e-9;

    private static void CheckHoldings(Checks checks, StockpileInstance instance, Known known)
    {
        var items = checks.Items(instance.Holdings, "holdings");
        foreach (var (holding, path) in items)
        {
            checks.CountryAndMaterial(path, holding.Country, holding.Material, known);
            checks.NonNegative($"{path}.governmentTonnes", holding.GovernmentTonnes, MaxTonnes);
            checks.NonNegative($"{path}.privateTonnes", holding.PrivateTonnes, MaxTonnes);
        }
        checks.UniqueKeys(items, "(country, material)", h => [h.Country, h.Material]);

        // Government stock is in strategic storage from t = 0: Σ_m G0[c,m] ≤ storageTonnes_c.
        var countries = instance.Countries ?? [];
        for (var c = 0; c < countries.Count; c++)
        {
            if (countries[c] is not { } country || !IsTonnes(country.StorageTonnes))
            {
                continue;
            }
            var sum = 0.0;
            var counted = new List<string>();
            foreach (var (holding, path) in items.Where(h => h.Item.Country == country.Id && IsTonnes(h.Item.GovernmentTonnes)))
            {
                sum += holding.GovernmentTonnes;
                counted.Add(path);
                if (sum > country.StorageTonnes * (1 + StorageTolerance) + StorageTolerance)
                {
                    checks.Add($"{path}.governmentTonnes",
                        $"brings the government holdings of {ShownText.Quote(country.Id)} at t = 0 to {Checks.ShowSum(sum)} t ({string.Join(", ", counted)}), "
                        + $"above its storage of {Checks.Show(country.StorageTonnes)} t (countries[{c}].storageTonnes)");
                    break;
                }
            }
        }
    }

    private static bool IsTonnes(double value) => value is >= 0 and <= MaxTonnes;
}

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>tier[c,m]: exactly one tax-credit tier for each (c,m) with a response curve.</summary>
    private void AddTier()
    {
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                if (Y[c, m] is not { } tiers)
                {
                    continue;
                }
                var row = Row(1, 1, "tier", d.CountryId(c), d.MaterialId(m));
                foreach (var y in tiers)
                {
                    row.SetCoefficient(y, 1);
                }
            }
        }
    }
}

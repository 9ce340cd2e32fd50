namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>tier[c,m]: exactly one tax-credit tier for each (c,m) with a response curve.</summary>
    private void AddTier()
    {
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                if (Y[c, m] is not { } tiers)
                {
                    continue;
                }
                var row = Row(1, 1, "tier", d.Id(c), d.Id(m));
                foreach (var y in tiers)
                {
                    row.SetCoefficient(y, 1);
                }
            }
        }
    }
}

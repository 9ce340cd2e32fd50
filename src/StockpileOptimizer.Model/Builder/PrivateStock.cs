namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// private-stock[c,m,s]: Σ_t ρ ≤ P0 + Σ_ℓ H[c,m,ℓ]·y[c,m,ℓ] — firms release at most what
    /// they held at t = 0 and what the chosen tax-credit tier induced them to hold. Without
    /// either, ρ = 0.
    /// </summary>
    private void AddPrivateStock()
    {
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                var response = d.PrivateResponse[c, m];
                foreach (var s in d.Scenarios)
                {
                    var row = Row(double.NegativeInfinity, d.PrivateHoldings[c, m], "private-stock", d.Id(c), d.Id(m), d.Id(s));
                    foreach (var t in d.Periods)
                    {
                        row.SetCoefficient(PrivateRelease[c, m, t, s], 1);
                    }
                    if (response < 0)
                    {
                        continue;
                    }
                    var induced = d.Instance.PrivateStock[response].TonnesByTier;
                    for (var l = 0; l < d.L; l++)
                    {
                        row.SetCoefficient(Y[c, m]![l], -induced[l]);
                    }
                }
            }
        }
    }

    /// <summary>Tax-credit cost of tier ℓ for (c,m) over the horizon, USD: H · rate · holding · induced tonnes.</summary>
    internal double TierCost(CountryIndex c, MaterialIndex m, int l)
    {
        var response = d.PrivateResponse[c, m];
        return d.H * d.Instance.Tiers[l].Rate * d.Instance.Materials[m].HoldingUsdPerTonnePeriod
            * d.Instance.PrivateStock[response].TonnesByTier[l];
    }
}

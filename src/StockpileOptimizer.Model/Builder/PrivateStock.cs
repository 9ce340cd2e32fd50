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
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                var response = d.PrivateResponse[c, m];
                for (var s = 0; s < d.S; s++)
                {
                    var row = Row(double.NegativeInfinity, d.PrivateHoldings[c, m], "private-stock", d.CountryId(c), d.MaterialId(m), d.ScenarioId(s));
                    for (var t = 0; t < d.H; t++)
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
    internal double TierCost(int c, int m, int l)
    {
        var response = d.PrivateResponse[c, m];
        return d.H * d.Instance.Tiers[l].Rate * d.Instance.Materials[m].HoldingUsdPerTonnePeriod
            * d.Instance.PrivateStock[response].TonnesByTier[l];
    }
}

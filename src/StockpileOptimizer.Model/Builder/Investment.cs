namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// cost-share[g]: Σ_c w[c,g] = capex·z[g]; share-min/share-max[c,g] keep each payer's
    /// share within its bounds (INDEPENDENT: the host pays all).
    /// </summary>
    private void AddInvestment()
    {
        foreach (var g in d.Investments)
        {
            var investment = d.Instance.Investments[g];
            var capex = investment.CapexUsd * MoneyScale;
            var total = Row(0, 0, "cost-share", investment.Id);
            total.SetCoefficient(Z[g], -capex);
            for (var j = 0; j < d.Payers[g].Count; j++)
            {
                var (country, min, max) = d.Payers[g][j];
                var w = W[g][j];
                total.SetCoefficient(w, 1);
                var lower = Row(0, double.PositiveInfinity, "share-min", d.Id(country), investment.Id);
                lower.SetCoefficient(w, 1);
                lower.SetCoefficient(Z[g], -min * capex);
                var upper = Row(double.NegativeInfinity, 0, "share-max", d.Id(country), investment.Id);
                upper.SetCoefficient(w, 1);
                upper.SetCoefficient(Z[g], -max * capex);
            }
        }
    }
}

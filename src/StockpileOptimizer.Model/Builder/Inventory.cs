namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// inventory[c,m,t,s]: I_t = I_{t−1} + a_t + BoLR stocked − r_t with I_0 = x;
    /// inventory-cap[c,m,t,s]: I_t ≤ x; refill[c,m,s]: I_H ≥ θ·x when θ > 0.
    /// </summary>
    private void AddInventory()
    {
        var theta = d.Instance.Policy.RefillFraction;
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                var producers = ProducersOf(c, m).ToArray();
                ForPeriodScenario((t, s) =>
                {
                    var index = new[] { d.CountryId(cc), d.MaterialId(mm), d.Period(t), d.ScenarioId(s) };
                    var flow = Row(0, 0, "inventory", index);
                    flow.SetCoefficient(Inventory[cc, mm, t, s], 1);
                    flow.SetCoefficient(t == 0 ? X[cc, mm] : Inventory[cc, mm, t - 1, s], -1);
                    flow.SetCoefficient(Purchase[cc, mm, t, s], -1);
                    flow.SetCoefficient(Release[cc, mm, t, s], 1);
                    foreach (var p in producers)
                    {
                        flow.SetCoefficient(BolrStocked[p, t, s], -1);
                    }

                    var cap = Row(double.NegativeInfinity, 0, "inventory-cap", index);
                    cap.SetCoefficient(Inventory[cc, mm, t, s], 1);
                    cap.SetCoefficient(X[cc, mm], -1);
                });
                if (theta <= 0)
                {
                    continue;
                }
                for (var s = 0; s < d.S; s++)
                {
                    var refill = Row(0, double.PositiveInfinity, "refill", d.CountryId(c), d.MaterialId(m), d.ScenarioId(s));
                    refill.SetCoefficient(Inventory[c, m, d.H - 1, s], 1);
                    refill.SetCoefficient(X[c, m], -theta);
                    Relax(refill, ElasticFamily.Refill, +1, d.Instance.Materials[m].AcquisitionUsdPerTonne, "tonnes");
                }
            }
        }
    }
}

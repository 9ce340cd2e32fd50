namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// bolr-cap[p,t,s]: bR + bS ≤ q; bolr-output[p,t,s]: bR + bS ≤ o; and, in a price war
    /// (market price below the producer's unit cost), survival[p,t,s]: K_t ≤ bR + bS — the
    /// producer keeps only the capacity whose output the government buys at the floor.
    /// Capacity lost returns only at the ramp rate.
    /// </summary>
    private void AddPriceWarSurvival()
    {
        for (var p = 0; p < d.P; p++)
        {
            var pp = p;
            ForPeriodScenario((t, s) =>
            {
                var index = new[] { d.ProducerId(pp), d.Period(t), d.ScenarioId(s) };
                var cap = Row(double.NegativeInfinity, 0, "bolr-cap", index);
                cap.SetCoefficient(BolrResold[pp, t, s], 1);
                cap.SetCoefficient(BolrStocked[pp, t, s], 1);
                cap.SetCoefficient(Q[pp], -1);

                var fromOutput = Row(double.NegativeInfinity, 0, "bolr-output", index);
                fromOutput.SetCoefficient(BolrResold[pp, t, s], 1);
                fromOutput.SetCoefficient(BolrStocked[pp, t, s], 1);
                fromOutput.SetCoefficient(Output[pp, t, s], -1);

                if (d.PriceWar[pp, t, s])
                {
                    var survival = Row(double.NegativeInfinity, 0, "survival", index);
                    survival.SetCoefficient(Capacity[pp, t, s], 1);
                    survival.SetCoefficient(BolrResold[pp, t, s], -1);
                    survival.SetCoefficient(BolrStocked[pp, t, s], -1);
                }
            });
        }
    }
}

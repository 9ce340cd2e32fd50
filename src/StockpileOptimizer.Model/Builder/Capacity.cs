namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// output[p,t,s]: o ≤ K; ramp[p,t,s]: K_t ≤ K_{t−1} + ramp (K_0 = capacity);
    /// build[p,t,s]: K_t ≤ capacity + Σ added·z over investments whose lead time has passed.
    /// </summary>
    private void AddCapacity()
    {
        for (var p = 0; p < d.P; p++)
        {
            var producer = d.Instance.Producers[p];
            var investments = Enumerable.Range(0, d.G).Where(g => d.InvestmentProducer[g] == p).ToArray();
            var pp = p;
            ForPeriodScenario((t, s) =>
            {
                var index = new[] { d.ProducerId(pp), d.Period(t), d.ScenarioId(s) };
                var output = Row(double.NegativeInfinity, 0, "output", index);
                output.SetCoefficient(Output[pp, t, s], 1);
                output.SetCoefficient(Capacity[pp, t, s], -1);

                var ramp = Row(double.NegativeInfinity,
                    producer.RampTonnesPerPeriod + (t == 0 ? producer.CapacityTonnesPerPeriod : 0), "ramp", index);
                ramp.SetCoefficient(Capacity[pp, t, s], 1);
                if (t > 0)
                {
                    ramp.SetCoefficient(Capacity[pp, t - 1, s], -1);
                }

                var build = Row(double.NegativeInfinity, producer.CapacityTonnesPerPeriod, "build", index);
                build.SetCoefficient(Capacity[pp, t, s], 1);
                foreach (var g in investments)
                {
                    var investment = d.Instance.Investments[g];
                    if (t + 1 > investment.LeadTimePeriods)
                    {
                        build.SetCoefficient(Z[g], -investment.AddedCapacityTonnesPerPeriod);
                    }
                }
            });
        }
    }
}

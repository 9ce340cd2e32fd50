namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// output[p,t,s]: o ≤ K; ramp[p,t,s]: K_t ≤ K_{t−1} + ramp (K_0 = capacity);
    /// build[p,t,s]: K_t ≤ capacity + Σ added·z over investments whose lead time has passed.
    /// </summary>
    private void AddCapacity()
    {
        foreach (var p in d.Producers)
        {
            var producer = d.Instance.Producers[p];
            var investments = d.Investments.Where(g => d.InvestmentProducer[g] == p).ToArray();
            ForPeriodScenario((t, s) =>
            {
                var index = new[] { d.Id(p), d.Id(t), d.Id(s) };
                var output = Row(double.NegativeInfinity, 0, "output", index);
                output.SetCoefficient(Output[p, t, s], 1);
                output.SetCoefficient(Capacity[p, t, s], -1);

                var ramp = Row(double.NegativeInfinity,
                    producer.RampTonnesPerPeriod + (t.IsFirst ? producer.CapacityTonnesPerPeriod : 0), "ramp", index);
                ramp.SetCoefficient(Capacity[p, t, s], 1);
                if (!t.IsFirst)
                {
                    ramp.SetCoefficient(Capacity[p, t.Previous, s], -1);
                }

                var build = Row(double.NegativeInfinity, producer.CapacityTonnesPerPeriod, "build", index);
                build.SetCoefficient(Capacity[p, t, s], 1);
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

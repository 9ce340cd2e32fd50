namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>sharing[c→c',m,t,s]: transfers ≤ the agreement's capacity. INDEPENDENT mode has no arcs, so no transfers.</summary>
    private void AddSharing()
    {
        for (var a = 0; a < d.Arcs.Count; a++)
        {
            var arc = d.Arcs[a];
            var aa = a;
            ForPeriodScenario((t, s) =>
            {
                var row = Row(double.NegativeInfinity, arc.Capacity, "sharing",
                    d.Id(arc.From) + "->" + d.Id(arc.To), d.Id(arc.Material), d.Id(t), d.Id(s));
                row.SetCoefficient(Transfer[aa, t, s], 1);
            });
        }
    }
}

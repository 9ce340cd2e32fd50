namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>imports[c,m,src,t,s]: imports ≤ the scenario's availability from that source.</summary>
    private void AddImports()
    {
        for (var i = 0; i < d.Instance.Imports.Count; i++)
        {
            var link = d.Instance.Imports[i];
            var ii = i;
            ForPeriodScenario((t, s) =>
            {
                var row = Row(double.NegativeInfinity, d.ImportAvailability[ii, t, s], "imports",
                    link.Country, link.Material, link.Source, d.Period(t), d.ScenarioId(s));
                row.SetCoefficient(Import[ii, t, s], 1);
            });
        }
    }
}

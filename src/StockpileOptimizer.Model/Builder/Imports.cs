using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>imports[i,t,s], kept for <see cref="Rebind"/> (availability moves its right-hand side).</summary>
    private Constraint[,,] importRows = null!;

    /// <summary>imports[c,m,src,t,s]: imports ≤ the scenario's availability from that source.</summary>
    private void AddImports()
    {
        importRows = new Constraint[d.Instance.Imports.Count, d.H, d.S];
        for (var i = 0; i < d.Instance.Imports.Count; i++)
        {
            var link = d.Instance.Imports[i];
            var ii = i;
            ForPeriodScenario((t, s) =>
            {
                var row = importRows[ii, t, s] = Row(double.NegativeInfinity, d.ImportAvailability[ii, t, s], "imports",
                    link.Country, link.Material, link.Source, d.Id(t), d.Id(s));
                row.SetCoefficient(Import[ii, t, s], 1);
            });
        }
    }

    /// <summary>The right-hand side a scenario sets: what its events leave of each source.</summary>
    private void RebindImports()
    {
        for (var i = 0; i < d.Instance.Imports.Count; i++)
        {
            var ii = i;
            ForPeriodScenario((t, s) => importRows[ii, t, s].SetBounds(double.NegativeInfinity, d.ImportAvailability[ii, t, s]));
        }
    }
}

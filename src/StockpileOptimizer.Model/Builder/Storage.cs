using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    public Constraint[] StorageRows { get; private set; } = [];

    /// <summary>storage[c]: Σ_m (G0 + x[c,m]) ≤ storage tonnes. Since I ≤ G0 + x, every period's inventory fits too.</summary>
    private void AddStorage()
    {
        StorageRows = new Constraint[d.C];
        foreach (var c in d.Countries)
        {
            var held = 0.0;
            foreach (var m in d.Materials)
            {
                held += d.GovernmentHoldings[c, m];
            }
            var row = Row(double.NegativeInfinity, d.Instance.Countries[c].StorageTonnes - held, "storage", d.Id(c));
            var cheapest = double.PositiveInfinity;
            foreach (var m in d.Materials)
            {
                row.SetCoefficient(X[c, m], 1);
                cheapest = Math.Min(cheapest, d.Instance.Materials[m].AcquisitionUsdPerTonne);
            }
            Relax(row, ElasticFamily.Storage, -1, cheapest, "tonnes");
            StorageRows[c] = row;
        }
    }
}

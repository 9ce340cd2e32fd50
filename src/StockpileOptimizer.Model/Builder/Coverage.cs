namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>coverage[c,m]: stockpile ≥ months × monthly defence demand (policy floor).</summary>
    private void AddCoverage()
    {
        var country = d.Instance.Countries.Select((x, i) => (x.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var material = d.Instance.Materials.Select((x, i) => (x.Id, i)).ToDictionary(p => p.Id, p => p.i);
        foreach (var floor in d.Instance.Policy.CoverageFloors)
        {
            int c = country[floor.Country], m = material[floor.Material];
            var tonnes = floor.Months * d.DefenceDemandPerMonth[c, m];
            var row = Row(tonnes, double.PositiveInfinity, "coverage", floor.Country, floor.Material);
            row.SetCoefficient(X[c, m], 1);
            Relax(row, ElasticFamily.Coverage, +1, d.Instance.Materials[m].AcquisitionUsdPerTonne, "tonnes");
        }
    }
}

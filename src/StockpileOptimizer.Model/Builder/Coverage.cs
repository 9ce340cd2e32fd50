using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// coverage[c,m]: G0 + x ≥ months × monthly demand of the floor's basis (defence sectors or
    /// all), months = days / 30 when days are given (policy floor).
    /// </summary>
    /// <summary>coverage[c,m] rows by (c,m); null where no floor is set. The explainer reads their duals.</summary>
    public Constraint?[,] CoverageRows { get; private set; } = new Constraint?[0, 0];

    private void AddCoverage()
    {
        CoverageRows = new Constraint?[d.C, d.M];
        var country = d.Countries.ToDictionary(c => d.Id(c));
        var material = d.Materials.ToDictionary(m => d.Id(m));
        foreach (var floor in d.Instance.Policy.CoverageFloors)
        {
            var (c, m) = (country[floor.Country], material[floor.Material]);
            var perMonth = floor.Basis == CoverageBasis.All ? d.DemandPerMonth[c, m] : d.DefenceDemandPerMonth[c, m];
            var tonnes = floor.MonthsOfDemand() * perMonth - d.GovernmentHoldings[c, m];
            var row = CoverageRows[c, m] = Row(tonnes, double.PositiveInfinity, "coverage", floor.Country, floor.Material);
            row.SetCoefficient(X[c, m], 1);
            Relax(row, ElasticFamily.Coverage, +1, d.Instance.Materials[m].AcquisitionUsdPerTonne, "tonnes");
        }
    }
}

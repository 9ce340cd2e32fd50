using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>The cooperation analysis as a report: the saving, the split, the saving by component, every coalition.</summary>
internal static class CooperationReport
{
    public static Report Build(CooperationResult result)
    {
        var report = new Report("cooperation", result) { Primary = "shares" };
        report.Line($"cooperation of {string.Join(", ", result.Countries)}: joint {Cells.Usd(result.JointCostUsd)}, "
            + $"independent {Cells.Usd(result.IndependentCostUsd)}, saving {Cells.Usd(result.SavingUsd)}"
            + (result.Exact ? " (every coalition optimal)" : result.SavingUsd is null ? "" : " (within the solver gap)"));
        if (result.Message.Length > 0)
        {
            report.Line(result.Message);
        }
        report.Table("shares", "Fair split of the saving (Shapley)",
                new("country"), new("stand_alone_cost_usd", Unit.Usd), new("shapley_usd", Unit.Usd), new("cost_after_split_usd", Unit.Usd))
            .AddRange(result.Shares, s => [s.Country, s.StandAloneCostUsd, s.ShapleyUsd, s.CostAfterSplitUsd]);
        report.Table("saving", "Saving by cost component", new("component"), new("usd", Unit.Usd))
            .AddRange(result.SavingByComponent, c => [c.Component, c.Usd]);
        report.Table("coalitions", "Coalitions",
                new("coalition"), new("termination"), new("cost_usd", Unit.Usd), new("expected_cost_usd", Unit.Usd),
                new("value_usd", Unit.Usd), new("gap", Unit.Fraction), new("wall_seconds", Unit.Seconds))
            .AddRange(result.Coalitions, c => [string.Join('+', c.Members), c.Termination, c.CostUsd, c.ExpectedCostUsd, c.ValueUsd, c.Gap, c.WallSeconds]);
        return report;
    }
}

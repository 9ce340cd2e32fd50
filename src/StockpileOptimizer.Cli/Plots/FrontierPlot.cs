using ScottPlot;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Plots;

/// <summary>
/// The cost–risk frontier: every point with a plan, labelled with its swept value; the
/// non-dominated points are marked larger and joined in cost order. The axes are the
/// analysis's own (expected fiscal outlay vs expected shortage for a budget sweep, expected
/// cost vs CVaR shortage for a λ sweep: docs/analyses.md).
/// </summary>
internal static class FrontierPlot
{
    public static Plot Build(FrontierResult result)
    {
        var plot = new Plot();
        var points = result.Points
            .Select(p => (Point: p, X: CostAxis(result.Parameter, p), Y: RiskAxis(result.Parameter, p)))
            .Where(p => p.X is not null && p.Y is not null)
            .Select(p => (p.Point, X: p.X!.Value, Y: p.Y!.Value))
            .ToArray();
        var dominated = points.Where(p => !p.Point.NonDominated).ToArray();
        if (dominated.Length > 0)
        {
            var others = plot.Add.ScatterPoints(dominated.Select(p => p.X).ToArray(), dominated.Select(p => p.Y).ToArray());
            others.Color = Colors.Gray;
            others.MarkerSize = 7;
            others.LegendText = "dominated";
        }
        var frontier = points.Where(p => p.Point.NonDominated).OrderBy(p => p.X).ThenByDescending(p => p.Y).ToArray();
        if (frontier.Length > 0)
        {
            var line = plot.Add.Scatter(frontier.Select(p => p.X).ToArray(), frontier.Select(p => p.Y).ToArray());
            line.Color = Colors.C0;
            line.MarkerSize = 11;
            line.MarkerShape = MarkerShape.FilledDiamond;
            line.LineWidth = 2;
            line.LegendText = "non-dominated";
        }
        // Points that coincide (a budget that is no longer binding) share one label: "×1.5, ×2".
        foreach (var spot in points.GroupBy(p => (Math.Round(p.X, 6), Math.Round(p.Y, 6))))
        {
            var text = string.Join(", ", spot.Select(p => Label(result.Parameter, p.Point.Value)));
            var label = plot.Add.Text(text, spot.First().X, spot.First().Y);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
            label.OffsetY = -6;
        }
        plot.Title(result.Parameter == FrontierParameter.BudgetScale ? "What more budget buys" : "What caution costs");
        // Room on the right for the labels, which are drawn to the right of their points.
        plot.Axes.Margins(left: 0.05, right: 0.25, bottom: 0.1, top: 0.1);
        plot.XLabel(result.CostAxis);
        Axes.Compact(plot.Axes.Bottom);
        plot.YLabel(result.RiskAxis);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static string Label(FrontierParameter parameter, double value) =>
        parameter == FrontierParameter.BudgetScale ? $"×{value:0.###}" : $"λ = {value:0.###}";

    private static double? CostAxis(FrontierParameter parameter, FrontierPoint p) =>
        parameter == FrontierParameter.BudgetScale ? p.ExpectedFiscalUsd : p.ExpectedCostUsd;

    private static double? RiskAxis(FrontierParameter parameter, FrontierPoint p) =>
        parameter == FrontierParameter.BudgetScale ? p.ExpectedShortageTonnes : p.CvarShortageTonnes;
}

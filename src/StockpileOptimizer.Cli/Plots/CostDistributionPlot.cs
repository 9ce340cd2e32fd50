using ScottPlot;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Plots;

/// <summary>
/// The distribution of out-of-sample cost L_s over the feasible samples: a histogram of
/// probability mass (samples weighted as the evaluation weights them), with the mean, its
/// confidence interval and the CVaR marked.
/// </summary>
internal static class CostDistributionPlot
{
    public static Plot Build(EvaluationResult result)
    {
        var rows = result.Rows.Where(r => r.CostUsd is not null).ToArray();
        var costs = rows.Select(r => r.CostUsd!.Value).ToArray();
        var total = rows.Sum(r => r.Weight);
        var weights = rows.Select(r => total > 0 ? r.Weight / total : 1.0 / rows.Length).ToArray();
        var plot = new Plot();
        var (lo, hi) = (costs.Min(), costs.Max());
        var bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(costs.Length)), 1, 40);
        var width = hi > lo ? (hi - lo) / bins : Math.Max(1, Math.Abs(lo) * 0.01);
        var mass = new double[bins];
        for (var i = 0; i < costs.Length; i++)
        {
            mass[Math.Clamp((int)((costs[i] - lo) / width), 0, bins - 1)] += weights[i];
        }
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray(), mass);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
        }
        bars.LegendText = $"{costs.Length} feasible samples";
        if (result.Cost is { } cost)
        {
            Marker(plot, cost.Mean, $"mean {Cells.Usd(cost.Mean)}", Colors.Black, LinePattern.Solid);
            if (cost.Interval is { } ci)
            {
                Marker(plot, ci.Lower, $"{ci.Level:P0} CI of the mean", Colors.Gray, LinePattern.Dotted);
                Marker(plot, ci.Upper, null, Colors.Gray, LinePattern.Dotted);
            }
            Marker(plot, cost.Cvar, $"CVaR {cost.CvarAlpha:0.##} {Cells.Usd(cost.Cvar)}", Colors.Red, LinePattern.Dashed);
        }
        plot.Title("Out-of-sample cost of the plan");
        plot.XLabel("cost per scenario L_s (USD)");
        Axes.Compact(plot.Axes.Bottom);
        plot.YLabel("probability");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void Marker(Plot plot, double x, string? legend, Color color, LinePattern pattern)
    {
        var line = plot.Add.VerticalLine(x);
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        if (legend is not null)
        {
            line.LegendText = legend;
        }
    }
}

using ScottPlot;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Plots;

/// <summary>
/// The strategic inventory of one country and material over the horizon, one line per
/// scenario: I_0 = the stockpile x, then I_1..I_H (docs/model.md). Thicker lines are likelier
/// scenarios; the dashed line is the stockpile target.
/// </summary>
internal static class InventoryPlot
{
    private const int MaxLegendEntries = 12;

    /// <summary>The country and material to plot: as given, or the only one there is; a usage error lists the choices otherwise.</summary>
    public static (string Country, string Material) Pick(StockpileInstance instance, string? country, string? material) =>
        (Choose("--country", country, instance.Countries.Select(c => c.Id).ToArray()),
         Choose("--material", material, instance.Materials.Select(m => m.Id).ToArray()));

    public static Plot Build(StockpileInstance instance, SolveResult result, string country, string material)
    {
        var plot = new Plot();
        var labels = PeriodLabels.For(instance.Horizon);
        var xs = Enumerable.Range(0, labels.Count + 1).Select(t => (double)t).ToArray();
        var target = result.Policy?.Stockpiles.FirstOrDefault(s => s.Country == country && s.Material == material)?.Tonnes ?? 0;
        var maxProbability = result.Scenarios.Select(s => s.Probability).DefaultIfEmpty(1).Max();
        foreach (var scenario in result.Scenarios)
        {
            var path = scenario.Materials.FirstOrDefault(m => m.Country == country && m.Material == material);
            if (path is null)
            {
                continue;
            }
            var ys = new[] { target }.Concat(path.Inventory).ToArray();
            var line = plot.Add.Scatter(xs[..ys.Length], ys);
            line.LineWidth = (float)(1 + 3 * scenario.Probability / Math.Max(maxProbability, 1e-12));
            line.MarkerSize = result.Scenarios.Count <= MaxLegendEntries ? 4 : 0;
            if (result.Scenarios.Count <= MaxLegendEntries)
            {
                line.LegendText = $"{scenario.Scenario} (p = {scenario.Probability:0.###})";
            }
        }
        var reference = plot.Add.HorizontalLine(target);
        reference.LinePattern = LinePattern.Dashed;
        reference.Color = Colors.Gray;
        reference.LegendText = $"stockpile {target:#,0.#} t";
        var ticks = xs.Select(x => x == 0 ? "start" : labels[(int)x - 1]).ToArray();
        var step = Math.Max(1, (int)Math.Ceiling(xs.Length / 10.0));
        plot.Axes.Bottom.SetTicks(xs.Where((_, i) => i % step == 0).ToArray(), ticks.Where((_, i) => i % step == 0).ToArray());
        plot.Title($"Strategic inventory of {material} in {country}, per scenario");
        plot.XLabel("period (end of)");
        plot.YLabel("tonnes");
        plot.Axes.Margins(bottom: 0);
        // Paths end full or empty, so the middle right is the emptiest place for the legend.
        plot.ShowLegend(Alignment.MiddleRight);
        return plot;
    }

    private static string Choose(string option, string? given, IReadOnlyList<string> ids)
    {
        if (given is not null)
        {
            return ids.Contains(given) ? given : throw CliException.Usage($"{option} {given}: not in the instance; choose one of {string.Join(", ", ids)}");
        }
        return ids.Count == 1 ? ids[0] : throw CliException.Usage($"--plot-inventory needs {option}: one of {string.Join(", ", ids)}");
    }
}

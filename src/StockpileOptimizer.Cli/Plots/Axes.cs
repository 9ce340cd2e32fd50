using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace StockpileOptimizer.Cli.Plots;

internal static class Axes
{
    /// <summary>Tick labels in thousands, millions, billions (950M rather than 9.5E+08): money axes of the default instance run to billions.</summary>
    public static void Compact(IAxis axis) => axis.TickGenerator = new NumericAutomatic { LabelFormatter = Compact };

    public static string Compact(double value)
    {
        var abs = Math.Abs(value);
        var (scaled, suffix) = abs switch
        {
            >= 1e9 => (value / 1e9, "B"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e4 => (value / 1e3, "k"),
            _ => (value, ""),
        };
        return scaled.ToString("#,0.###", CultureInfo.InvariantCulture) + suffix;
    }
}

using ScottPlot;

namespace StockpileOptimizer.Cli.Plots;

internal enum PlotFormat
{
    Png,
    Svg,
}

/// <summary>Where a plot goes: the file, its format (by extension) and its size in pixels.</summary>
internal sealed record PlotTarget(string Path, PlotFormat Format, int Width, int Height)
{
    public const int MaxSide = 10_000;

    /// <summary>Checked before any solve, so a typo costs nothing.</summary>
    public static PlotTarget Create(string path, int width, int height)
    {
        var format = System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => PlotFormat.Png,
            ".svg" => PlotFormat.Svg,
            var other => throw CliException.Usage($"{path}: plots are written as .png or .svg, not '{other}'"),
        };
        if (width is < 16 or > MaxSide || height is < 16 or > MaxSide)
        {
            throw CliException.Usage($"--width {width} --height {height}: each side must be 16–{MaxSide} pixels");
        }
        return new PlotTarget(path, format, width, height);
    }

    public void Save(Plot plot)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        if (Format == PlotFormat.Png)
        {
            plot.SavePng(Path, Width, Height);
        }
        else
        {
            plot.SaveSvg(Path, Width, Height);
        }
    }
}

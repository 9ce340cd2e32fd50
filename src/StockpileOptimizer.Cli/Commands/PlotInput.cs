using System.CommandLine;
using StockpileOptimizer.Cli.Plots;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>A plot file (PNG or SVG by its extension) and its size in pixels.</summary>
internal sealed class PlotInput(string name, string description)
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 500;

    public Option<string?> File { get; } = new(name) { Description = description + " (.png or .svg)", HelpName = "FILE" };

    public Option<int> Width { get; } = new("--width") { Description = "Plot width in pixels", DefaultValueFactory = _ => DefaultWidth, HelpName = "PIXELS" };

    public Option<int> Height { get; } = new("--height") { Description = "Plot height in pixels", DefaultValueFactory = _ => DefaultHeight, HelpName = "PIXELS" };

    public void AddTo(Command command)
    {
        command.Add(File);
        command.Add(Width);
        command.Add(Height);
    }

    /// <summary>The requested plot, checked before any work is done; null when none was asked for.</summary>
    public PlotTarget? Read(ParseResult parse) =>
        parse.GetValue(File) is { } path ? PlotTarget.Create(path, parse.GetValue(Width), parse.GetValue(Height)) : null;
}

using StockpileOptimizer.Cli.Engine;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Plots;
using StockpileOptimizer.Cli.Progress;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>What a command's action works with: where to write, which engine, how to show progress.</summary>
internal sealed record CommandContext(CliIo Io, IEngine Engine, IProgressDisplay Progress, CancellationToken Cancel)
{
    public void Write(Report report, OutputSettings settings) => ReportWriter.Write(report, settings, Io);

    /// <summary>A note for the person at the terminal (files written, plots saved): stderr, so stdout stays the result.</summary>
    public void Note(string message) => Io.Error.WriteLine(message);

    public void Save(PlotTarget target, ScottPlot.Plot plot)
    {
        target.Save(plot);
        Note($"wrote {target.Path}");
    }
}

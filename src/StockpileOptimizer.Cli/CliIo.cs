namespace StockpileOptimizer.Cli;

/// <summary>
/// Where the CLI reads and writes. <see cref="Interactive"/> is true when stdout is a
/// terminal: tables are then drawn with Spectre.Console and progress is a live display;
/// otherwise tables are plain aligned text and progress is plain lines on stderr, so pipes
/// and logs stay clean. <see cref="In"/> is read for the file name "-".
/// </summary>
internal sealed record CliIo(TextWriter Out, TextWriter Error, bool Interactive, TextReader? In = null)
{
    public static CliIo FromConsole() => new(Console.Out, Console.Error, Interactive: !Console.IsOutputRedirected, Console.In);
}

using System.CommandLine;
using StockpileOptimizer.Cli.Engine;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Progress;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>Gives each command's action its context: the engine chosen by --server and the progress display chosen by the terminal and --quiet.</summary>
internal sealed class CommandRunner(CliIo io, GlobalOptions global)
{
    public CliIo Io => io;

    public void SetAction(Command command, Func<ParseResult, CommandContext, Task<int>> action) =>
        command.SetAction((parse, cancel) => action(parse, Context(parse, cancel)));

    public CommandContext Context(ParseResult parse, CancellationToken cancel)
    {
        var engine = EngineFactory.Create(parse.GetValue(global.Server));
        var quiet = parse.GetValue(global.Quiet);
        // The live display draws on stderr (the same terminal), so stdout holds the result alone
        // even on a terminal: `solve --format json` can be copied or redirected as it is.
        IProgressDisplay progress = io.Interactive && !quiet
            ? new LiveProgress(ReportWriter.Console(io.Error))
            : new PlainProgress(io.Error, quiet);
        return new CommandContext(io, engine, progress, cancel);
    }
}

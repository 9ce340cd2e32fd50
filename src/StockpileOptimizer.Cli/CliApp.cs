using System.CommandLine;
using StockpileOptimizer.Cli.Commands;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli;

/// <summary>
/// The <c>stockpile</c> command line: parses, runs the command, and turns every failure into
/// a message on stderr and an exit code (<see cref="ExitCodes"/>). Tests call
/// <see cref="Run"/> with their own writers, exactly as <see cref="Program"/> does with the console.
/// </summary>
internal static class CliApp
{
    public static RootCommand Build(CliIo io)
    {
        var global = new GlobalOptions();
        var runner = new CommandRunner(io, global);
        var root = new RootCommand("stockpile — size US/Canadian critical-mineral stockpiles with a stochastic MIP (docs/cli.md)")
        {
            SolveCommand.Create(runner),
            ValidateCommand.Create(runner),
            CooperationCommand.Create(runner),
            FrontierCommand.Create(runner),
            EvaluateCommand.Create(runner),
            ScenariosCommand.Create(runner),
            DefaultCommand.Create(runner),
            ExportMpsCommand.Create(runner),
            ServeCommand.Create(runner),
        };
        global.AddTo(root);
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false) =>
        RunAsync(args, new CliIo(stdout, stderr, interactive)).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancel = default)
    {
        var parse = Build(io).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                io.Error.WriteLine($"error: {error.Message}");
            }
            io.Error.WriteLine($"see: stockpile {CommandPath(parse)}--help");
            return ExitCodes.Usage;
        }
        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = io.Out,
                Error = io.Error,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C / SIGTERM cancels the token: solves stop with their best plan so far and the
                // result is still printed. Only a run that does not wind down within this is cut off.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            };
            return await parse.InvokeAsync(configuration, cancel);
        }
        catch (Exception e)
        {
            return Report(e, io.Error);
        }
    }

    /// <summary>Every failure's message on stderr, and its exit code.</summary>
    private static int Report(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case CliException cli:
                var prefix = cli.ExitCode == ExitCodes.InvalidInput ? "invalid input" : "error";
                foreach (var problem in cli.Problems)
                {
                    stderr.WriteLine($"{prefix}: {problem}");
                }
                return cli.ExitCode;
            case InvalidInstanceException invalid:
                foreach (var v in invalid.Violations)
                {
                    stderr.WriteLine(v.Message.StartsWith(v.Path, StringComparison.Ordinal)
                        ? $"invalid input: {v.Message}"
                        : $"invalid input: {v.Path}: {v.Message}");
                }
                return ExitCodes.InvalidInput;
            case ArgumentException argument:
                // The engine's word for a bad option value (no frontier values, too many countries, a bad count).
                stderr.WriteLine($"error: {WithoutParameterName(argument)}");
                return ExitCodes.Usage;
            case OperationCanceledException:
                stderr.WriteLine("cancelled before a result");
                return ExitCodes.NoPlan;
            default:
                stderr.WriteLine($"unexpected error: {e}");
                return ExitCodes.Unexpected;
        }
    }

    private static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static string CommandPath(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
}

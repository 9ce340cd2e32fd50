using System.CommandLine;
using System.Globalization;
using System.Reflection;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>stockpile serve [--port N] [--host H] [--data-dir DIR] [--Section:Key=value …]</c>: the
/// gRPC host of src/StockpileOptimizer.Server, in this process, until Ctrl+C or SIGTERM. It
/// runs the server's own entry point (its Program.cs, unchanged), so it is the same host as
/// <c>dotnet run --project src/StockpileOptimizer.Server</c> with the same options (docs/api.md);
/// the options here are shorthands for its configuration keys, and any other
/// <c>--Section:Key=value</c> is passed through.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("serve", "Start the stockpile gRPC server (docs/api.md) in this process; extra --Section:Key=value arguments go to its configuration")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var port = new Option<int?>("--port") { Description = "TCP port (Server:Port, default 5080)" };
        var host = new Option<string?>("--host") { Description = "localhost (default), * for every interface, or an IP address (Server:Host)" };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Directory of the job store jobs.db (Jobs:DataDirectory), relative to the current directory",
            DefaultValueFactory = _ => "data",
            HelpName = "DIR",
        };
        command.Add(port);
        command.Add(host);
        command.Add(dataDir);
        command.SetAction(parse =>
        {
            if (parse.GetValue<string?>("--server") is not null)
            {
                throw CliException.Usage("serve starts a server; --server (run on a remote server) does not apply to it");
            }
            var arguments = new List<string>
            {
                // The server's appsettings.json (logging format, limits) is copied next to this CLI.
                $"--contentRoot={AppContext.BaseDirectory}",
                "--applicationName=StockpileOptimizer.Server",
                $"--Jobs:DataDirectory={Path.GetFullPath(parse.GetValue(dataDir)!)}",
            };
            if (parse.GetValue(port) is { } p)
            {
                arguments.Add($"--Server:Port={p.ToString(CultureInfo.InvariantCulture)}");
            }
            if (parse.GetValue(host) is { } h)
            {
                arguments.Add($"--Server:Host={h}");
            }
            arguments.AddRange(parse.UnmatchedTokens);
            return Run([.. arguments], runner.Io);
        });
        return command;
    }

    /// <summary>Runs the server's Program.Main; it returns when the host stops (Ctrl+C, SIGTERM).</summary>
    private static int Run(string[] arguments, CliIo io)
    {
        // global::Program is the server's top-level Program (public for WebApplicationFactory).
        var entry = typeof(global::Program).Assembly.EntryPoint
            ?? throw new InvalidOperationException("the server assembly has no entry point");
        io.Error.WriteLine($"starting the stockpile server: {string.Join(' ', arguments)}");
        try
        {
            var parameters = entry.GetParameters().Length == 0 ? null : new object[] { arguments };
            var result = entry.Invoke(null, parameters);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
                result = task.GetType().GetProperty("Result")?.GetValue(task);
            }
            return result is int code ? code : ExitCodes.Ok;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            io.Error.WriteLine($"error: the server stopped: {inner.Message}");
            return ExitCodes.Unexpected;
        }
    }
}

using System.CommandLine;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>Options every command takes (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Run on the stockpile gRPC server at this URL (http://HOST:PORT) instead of in this process; same output. API key: $STOCKPILE_API_KEY",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress lines on stderr (errors are still printed)",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Server);
        root.Add(Quiet);
    }
}

using System.Text.Json;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// Runs the CLI in-process through the same entry point as Program (CliApp.RunAsync), with
/// writers standing in for the console, in a temporary directory of its own.
/// </summary>
public abstract class CliFixture : IDisposable
{
    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("stockpile-cli-").FullName;

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>stdout is not a terminal here (plain tables, progress lines on stderr) unless <paramref name="interactive"/>.</summary>
    internal static CliRun Run(params string[] args) => RunWith(false, args);

    internal static CliRun RunWith(bool interactive, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, interactive);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    protected string Path(string name) => System.IO.Path.Combine(Directory, name);

    protected string Write(string name, StockpileInstance instance) => WriteText(name, InstanceJson.Write(instance));

    protected string WriteText(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text);
        return path;
    }

    protected static T Json<T>(string text) => JsonSerializer.Deserialize<T>(text, InstanceJson.Options)!;
}

internal sealed record CliRun(int Code, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {Code}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

using System.Text.Json;
using Spectre.Console;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Output;

/// <summary>
/// Writes a report in the chosen format: to stdout, and with <c>--out DIR</c> also to files
/// (DIR/&lt;table&gt;.csv for the table and csv formats, DIR/&lt;command&gt;.json for json). The
/// files written are listed on stderr, so stdout stays the report alone.
/// </summary>
internal static class ReportWriter
{
    public static void Write(Report report, OutputSettings settings, CliIo io)
    {
        switch (settings.Format)
        {
            case OutputFormat.Json:
                io.Out.WriteLine(Json(report));
                break;
            case OutputFormat.Csv:
                Csv.Write(Pick(report, settings.TableName), io.Out);
                break;
            default:
                if (io.Interactive)
                {
                    SpectreText.Write(report, Console(io.Out));
                }
                else
                {
                    PlainText.Write(report, io.Out);
                }
                break;
        }
        if (settings.Out is { } directory)
        {
            WriteFiles(report, settings.Format, directory, io);
        }
    }

    public static string Json(Report report) => JsonSerializer.Serialize(report.Document, report.Document.GetType(), InstanceJson.Options);

    /// <summary>A Spectre console over one of the CLI's writers (a terminal when this is called).</summary>
    public static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

    private static Table Pick(Report report, string? name)
    {
        name ??= report.Primary ?? report.Tables.FirstOrDefault()?.Name;
        return report.Tables.FirstOrDefault(t => t.Name == name)
            ?? throw CliException.Usage($"--table {name}: {report.Command} has no such table; its tables are {string.Join(", ", report.Tables.Select(t => t.Name))}");
    }

    public static void WriteFiles(Report report, OutputFormat format, string directory, CliIo io)
    {
        try
        {
            Directory.CreateDirectory(directory);
            if (format == OutputFormat.Json)
            {
                var path = Path.Combine(directory, report.Command + ".json");
                File.WriteAllText(path, Json(report) + "\n");
                io.Error.WriteLine($"wrote {path}");
                return;
            }
            foreach (var table in report.Tables)
            {
                var path = Path.Combine(directory, table.Name + ".csv");
                using var file = new StreamWriter(path);
                Csv.Write(table, file);
                io.Error.WriteLine($"wrote {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--out {directory}: cannot write there: {e.Message}");
        }
    }
}

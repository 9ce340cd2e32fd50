using System.CommandLine;
using StockpileOptimizer.Cli.Output;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>--format table|json|csv</c>, <c>--out DIR</c>, <c>--table NAME</c> (and <c>--json</c> on solve, kept from the first CLI).</summary>
internal sealed class OutputInput(bool jsonFlag = false)
{
    public Option<OutputFormat> Format { get; } = new("--format", "-f")
    {
        Description = "table (for people, the default), json (the full result) or csv (one table; see --table)",
        DefaultValueFactory = _ => OutputFormat.Table,
        HelpName = "table|json|csv",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Also write files to this directory: one CSV per table (table, csv) or one JSON document (json)",
        HelpName = "DIR",
    };

    public Option<string?> Table { get; } = new("--table") { Description = "With --format csv: the table to print (default: the main one)", HelpName = "NAME" };

    public Option<bool> Json { get; } = new("--json") { Description = "Same as --format json" };

    public void AddTo(Command command)
    {
        command.Add(Format);
        command.Add(Out);
        command.Add(Table);
        if (jsonFlag)
        {
            command.Add(Json);
        }
    }

    public OutputSettings Read(ParseResult parse) => new(
        jsonFlag && parse.GetValue(Json) ? OutputFormat.Json : parse.GetValue(Format),
        parse.GetValue(Out),
        parse.GetValue(Table));
}

namespace StockpileOptimizer.Cli.Output;

/// <summary>
/// What a command prints: summary lines and tables for people and CSV, and
/// <see cref="Document"/>, the full result, for <c>--format json</c> (serialised with the
/// domain's JSON options, so field names are those of the result records).
/// <see cref="Primary"/> is the table printed by <c>--format csv</c> without <c>--table</c>.
/// </summary>
internal sealed class Report(string command, object document)
{
    public string Command { get; } = command;
    public object Document { get; } = document;
    public List<string> Lines { get; } = [];
    public List<Table> Tables { get; } = [];
    public string? Primary { get; set; }

    public Report Line(string line)
    {
        Lines.Add(line);
        return this;
    }

    public Table Table(string name, string title, params Column[] columns)
    {
        var table = new Table(name, title, columns);
        Tables.Add(table);
        return table;
    }
}

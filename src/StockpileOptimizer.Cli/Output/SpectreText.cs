using Spectre.Console;

namespace StockpileOptimizer.Cli.Output;

/// <summary>Tables drawn with Spectre.Console, for a terminal.</summary>
internal static class SpectreText
{
    public static void Write(Report report, IAnsiConsole console)
    {
        foreach (var line in report.Lines)
        {
            console.WriteLine(line);
        }
        foreach (var table in report.Tables)
        {
            console.WriteLine();
            console.Write(Render(table));
        }
    }

    private static Spectre.Console.Table Render(Table table)
    {
        var rendered = new Spectre.Console.Table()
            .Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(table.Title)}[/]");
        foreach (var column in table.Columns)
        {
            var c = new TableColumn(Markup.Escape(column.Header));
            rendered.AddColumn(Cells.RightAligned(column.Unit) ? c.RightAligned() : c);
        }
        if (table.Rows.Count == 0)
        {
            rendered.AddRow(table.Columns.Select((_, i) => i == 0 ? "[grey](none)[/]" : "").ToArray());
        }
        var (rows, omitted) = table.ForPeople();
        foreach (var row in rows)
        {
            rendered.AddRow(row.Select((cell, i) => Markup.Escape(Cells.Human(cell, table.Columns[i].Unit))).ToArray());
        }
        if (omitted is not null)
        {
            rendered.Caption($"[grey]{Markup.Escape(omitted)}[/]");
        }
        return rendered;
    }
}

namespace StockpileOptimizer.Cli.Output;

/// <summary>Tables as aligned plain text, for logs and pipes: a title, a header, a rule, the rows.</summary>
internal static class PlainText
{
    public static void Write(Report report, TextWriter w)
    {
        foreach (var line in report.Lines)
        {
            w.WriteLine(line);
        }
        foreach (var table in report.Tables)
        {
            Write(table, w);
        }
    }

    private static void Write(Table table, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine(table.Title);
        if (table.Rows.Count == 0)
        {
            w.WriteLine("  (none)");
            return;
        }
        var (rows, omitted) = table.ForPeople();
        var cells = rows.Select(r => r.Select((c, i) => Cells.Human(c, table.Columns[i].Unit)).ToArray()).ToList();
        var widths = table.Columns.Select((c, i) => Math.Max(c.Header.Length, cells.Max(r => r[i].Length))).ToArray();
        w.WriteLine("  " + string.Join("  ", table.Columns.Select((c, i) => Pad(c.Header, widths[i], c.Unit)).ToArray()).TrimEnd());
        w.WriteLine("  " + string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var row in cells)
        {
            w.WriteLine("  " + string.Join("  ", row.Select((cell, i) => Pad(cell, widths[i], table.Columns[i].Unit))).TrimEnd());
        }
        if (omitted is not null)
        {
            w.WriteLine("  " + omitted);
        }
    }

    private static string Pad(string text, int width, Unit unit) => Cells.RightAligned(unit) ? text.PadLeft(width) : text.PadRight(width);
}

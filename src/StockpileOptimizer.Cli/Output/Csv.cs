namespace StockpileOptimizer.Cli.Output;

/// <summary>RFC 4180 CSV: a header of the stable column names, raw invariant values, quotes only where needed.</summary>
internal static class Csv
{
    public static void Write(Table table, TextWriter w)
    {
        w.Write(string.Join(",", table.Columns.Select(c => Quote(c.Name))));
        w.Write("\n");
        foreach (var row in table.Rows)
        {
            w.Write(string.Join(",", row.Select(c => Quote(Cells.Raw(c)))));
            w.Write("\n");
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

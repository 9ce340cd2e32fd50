using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Reports;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>A report as the plain text and the CSV tables the CLI writes, for the report tests.</summary>
internal static class ReportText
{
    public static string Plain(Report report)
    {
        var writer = new StringWriter();
        PlainText.Write(report, writer);
        return writer.ToString();
    }

    public static string CsvOf(Report report, string table)
    {
        var writer = new StringWriter();
        Output.Csv.Write(report.Tables.Single(t => t.Name == table), writer);
        return writer.ToString();
    }
}

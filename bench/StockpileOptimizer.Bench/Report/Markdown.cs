using System.Globalization;
using System.Text;

namespace StockpileOptimizer.Bench.Report;

/// <summary>Markdown pieces with invariant number formatting.</summary>
internal static class Markdown
{
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        text.Append('|').AppendJoin("", header.Select((_, i) => i == 0 ? ":---|" : "---:|")).AppendLine();
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
        return text.ToString();
    }

    public static string Seconds(double seconds) => seconds switch
    {
        double.NaN => "–",
        < 0.01 => F($"{seconds * 1000:0.00} ms"),
        < 1 => F($"{seconds * 1000:0} ms"),
        _ => F($"{seconds:0.00} s"),
    };

    /// <summary>A difference of times, always with its sign.</summary>
    public static string SignedSeconds(double seconds) => (seconds < 0 ? "−" : "+") + Seconds(Math.Abs(seconds));

    public static string MiB(long bytes) => bytes <= 0 ? "–" : F($"{bytes / 1024.0 / 1024.0:N0} MiB");

    public static string Count(long count) => F($"{count:N0}");

    public static string Percent(double fraction) => double.IsNaN(fraction) ? "–" : F($"{fraction * 100:+0.0;−0.0;0.0} %");

    public static string Ratio(double ratio) => double.IsNaN(ratio) ? "–" : F($"{ratio:0.00}×");

    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

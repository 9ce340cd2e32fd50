using System.Globalization;
using System.Text;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>
/// The measured figures of each part, as markdown: printed to the test output and written to
/// <c>$STOCKPILE_RELIABILITY_OUT/&lt;part&gt;.md</c> (default: <c>reliability-figures/</c> next to
/// the test assembly), from which <c>.ci/reliability.sh --write-docs</c> rebuilds the figures
/// section of docs/reliability.md.
/// </summary>
internal static class Figures
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("STOCKPILE_RELIABILITY_OUT") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "reliability-figures");

    public static void Write(ITestOutputHelper output, string part, string markdown)
    {
        output.WriteLine(markdown);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, part + ".md"), markdown.TrimEnd() + "\n");
    }

    public static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A markdown table.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        text.Append('|').AppendJoin("", header.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
        return text.ToString();
    }

    /// <summary>The q-quantile (0–1) of <paramref name="sorted"/>, nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

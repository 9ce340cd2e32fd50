using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// Reads the data back out of a plot's SVG (as ScottPlot writes it): the lines drawn in the
/// data area, and the axes' scales from their tick labels, so that a test can compare the
/// plotted points with the numbers of the result they were drawn from.
/// </summary>
internal static partial class Svg
{
    /// <summary>A line drawn in the data area, in pixels, with its stroke colour.</summary>
    public sealed record Line(string Colour, IReadOnlyList<(double X, double Y)> Pixels);

    /// <summary>
    /// The solid coloured lines drawn in the data area (the largest clip regions; the legend's
    /// samples and the dashed reference lines are left out), in drawing order.
    /// </summary>
    public static IReadOnlyList<Line> Lines(XDocument svg)
    {
        var ns = svg.Root!.Name.Namespace;
        var clips = svg.Descendants(ns + "clipPath").ToDictionary(
            c => (string)c.Attribute("id")!,
            c => c.Element(ns + "rect") is { } r ? Number(r, "width") * Number(r, "height") : 0);
        var largest = clips.Values.Max();
        var dataArea = clips.Where(c => c.Value >= largest - 1e-6).Select(c => $"url(#{c.Key})").ToHashSet();
        return svg.Descendants(ns + "g")
            .Where(g => dataArea.Contains((string?)g.Attribute("clip-path") ?? ""))
            .SelectMany(g => g.Elements(ns + "path"))
            .Where(p => (string?)p.Attribute("fill") == "none" && p.Attribute("stroke-dasharray") is null && p.Attribute("stroke-opacity") is null)
            .Select(p => new Line((string)p.Attribute("stroke")!, Points((string)p.Attribute("d")!)))
            .Where(l => l.Pixels.Count >= 2)
            .ToArray();
    }

    /// <summary>The text labels and where each is drawn (its translation), in pixels.</summary>
    public static IReadOnlyList<(string Text, double X, double Y)> Labels(XDocument svg)
    {
        var ns = svg.Root!.Name.Namespace;
        return svg.Descendants(ns + "text")
            .Select(t => (Text: t.Value.Trim(), Match: Translate().Match((string?)t.Attribute("transform") ?? "")))
            .Where(t => t.Match.Success)
            .Select(t => (t.Text, Parse(t.Match.Groups[1].Value), Parse(t.Match.Groups[2].Value)))
            .ToArray();
    }

    /// <summary>The left axis's scale: pixel row → value, fitted through its numeric tick labels.</summary>
    public static Func<double, double> LeftAxis(XDocument svg)
    {
        var numeric = NumericLabels(svg);
        var column = numeric.Min(l => l.X);
        return Fit(numeric.Where(l => Math.Abs(l.X - column) < 0.5).Select(l => (l.Y, l.Value)).ToArray());
    }

    /// <summary>The bottom axis's scale: pixel column → value, fitted through its numeric tick labels.</summary>
    public static Func<double, double> BottomAxis(XDocument svg)
    {
        var numeric = NumericLabels(svg);
        var column = numeric.Min(l => l.X);
        var bottom = numeric.Where(l => Math.Abs(l.X - column) >= 0.5).ToArray();
        var row = bottom.Max(l => l.Y);
        return Fit(bottom.Where(l => Math.Abs(l.Y - row) < 0.5).Select(l => (l.X, l.Value)).ToArray());
    }

    /// <summary>A tick label as <c>Axes.Compact</c> writes it: "1,250", "950k", "3.5M", "-2".</summary>
    public static double? TickValue(string text)
    {
        var plain = text.Replace(",", "", StringComparison.Ordinal).Replace('−', '-');
        var scale = plain.EndsWith('B') ? 1e9 : plain.EndsWith('M') ? 1e6 : plain.EndsWith('k') ? 1e3 : 1;
        var digits = scale == 1 ? plain : plain[..^1];
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value * scale : null;
    }

    private static (double X, double Y, double Value)[] NumericLabels(XDocument svg) =>
        Labels(svg).Select(l => (l.X, l.Y, Value: TickValue(l.Text))).Where(l => l.Value is not null).Select(l => (l.X, l.Y, l.Value!.Value)).ToArray();

    /// <summary>The least-squares line through (pixel, value) pairs; asserts that the ticks do lie on one line.</summary>
    private static Func<double, double> Fit((double Pixel, double Value)[] ticks)
    {
        Assert.True(ticks.Length >= 2, $"an axis needs two numeric tick labels, found {ticks.Length}");
        var meanP = ticks.Average(t => t.Pixel);
        var meanV = ticks.Average(t => t.Value);
        var slope = ticks.Sum(t => (t.Pixel - meanP) * (t.Value - meanV)) / ticks.Sum(t => (t.Pixel - meanP) * (t.Pixel - meanP));
        double Map(double pixel) => meanV + slope * (pixel - meanP);
        var range = ticks.Max(t => t.Value) - ticks.Min(t => t.Value);
        Assert.All(ticks, t => Assert.True(Math.Abs(Map(t.Pixel) - t.Value) < 1e-3 * range, $"tick {t.Value} is off the axis's line"));
        return Map;
    }

    private static List<(double X, double Y)> Points(string d)
    {
        var points = new List<(double X, double Y)>();
        foreach (Match m in Command().Matches(d))
        {
            if (m.Groups[1].Value == "Z" || (m.Groups[1].Value == "M" && points.Count > 0))
            {
                return [];
            }
            points.Add((Parse(m.Groups[2].Value), Parse(m.Groups[3].Value)));
        }
        return points;
    }

    private static double Number(XElement element, string attribute) => Parse((string)element.Attribute(attribute)!);

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"translate\(([-\d.eE]+)[ ,]+([-\d.eE]+)\)")]
    private static partial Regex Translate();

    [GeneratedRegex(@"([MLZ])\s*(?:([-\d.eE]+)[ ,]+([-\d.eE]+))?")]
    private static partial Regex Command();
}

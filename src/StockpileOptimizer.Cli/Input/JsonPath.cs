using System.Globalization;
using System.Text;

namespace StockpileOptimizer.Cli.Input;

/// <summary>
/// The validator's field paths: <c>name(.name|[index]|[id])*</c>, e.g.
/// <c>demands[3].tonnesPerPeriod[0]</c> or <c>countries[CA].budgetUsd</c>.
/// </summary>
internal static class JsonPath
{
    public abstract record Segment;

    public sealed record Property(string Name) : Segment;

    public sealed record Index(int Position) : Segment;

    /// <summary>The list item whose "id" is <see cref="Value"/>.</summary>
    public sealed record Id(string Value) : Segment;

    public static IReadOnlyList<Segment> Parse(string path)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || close == i + 1)
                {
                    throw Bad(path, "a '[' without an index or id and ']'");
                }
                var inside = path[(i + 1)..close];
                segments.Add(int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? new Index(index) : new Id(inside));
                i = close + 1;
                if (i < path.Length && path[i] == '.')
                {
                    i++;
                    if (i == path.Length)
                    {
                        throw Bad(path, "it ends with '.'");
                    }
                }
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            end = end < 0 ? path.Length : end;
            if (end == i)
            {
                throw Bad(path, "an empty field name");
            }
            segments.Add(new Property(path[i..end]));
            i = end;
            if (i < path.Length && path[i] == '.')
            {
                i++;
                if (i == path.Length)
                {
                    throw Bad(path, "it ends with '.'");
                }
            }
        }
        if (segments.Count == 0)
        {
            throw Bad(path, "it is empty");
        }
        return segments;
    }

    public static string Format(IEnumerable<Segment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case Property p:
                    text.Append(text.Length == 0 ? "" : ".").Append(p.Name);
                    break;
                case Index x:
                    text.Append('[').Append(x.Position.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
                case Id id:
                    text.Append('[').Append(id.Value).Append(']');
                    break;
            }
        }
        return text.ToString();
    }

    private static CliException Bad(string path, string why) =>
        CliException.Usage($"--set {path}: not a field path ({why}); write it as the validator does, e.g. countries[0].budgetUsd or policy.riskWeight");
}

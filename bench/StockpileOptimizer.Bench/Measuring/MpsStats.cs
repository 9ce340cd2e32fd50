namespace StockpileOptimizer.Bench.Measuring;

/// <summary>Counts in a free-format MPS text.</summary>
internal static class MpsStats
{
    /// <summary>
    /// Constraint-matrix non-zeros: the (row, value) pairs of the COLUMNS section, leaving out
    /// the objective row (the N row of ROWS) and the integer MARKER lines.
    /// </summary>
    public static long NonZeros(string mps)
    {
        var objective = new HashSet<string>(StringComparer.Ordinal);
        var section = "";
        long count = 0;
        foreach (var raw in mps.AsSpan().EnumerateLines())
        {
            var line = raw.ToString();
            if (line.Length == 0 || line[0] == '*')
            {
                continue;
            }
            if (!char.IsWhiteSpace(line[0]))
            {
                section = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                continue;
            }
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (section == "ROWS" && fields is ["N", var name])
            {
                objective.Add(name);
            }
            else if (section == "COLUMNS" && !line.Contains("'MARKER'", StringComparison.Ordinal))
            {
                for (var i = 1; i + 1 < fields.Length; i += 2)
                {
                    count += objective.Contains(fields[i]) ? 0 : 1;
                }
            }
        }
        return count;
    }
}

using System.Globalization;

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>The key of a batch grain: "{problemId}/{index}".</summary>
public static class BatchKey
{
    public static string Of(string problemId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{problemId}/{index}");

    /// <summary>The problem id and batch index of a key made by <see cref="Of"/>.</summary>
    /// <exception cref="FormatException">Not such a key.</exception>
    public static (string ProblemId, int Index) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"'{key}' is not a batch key (problemId/index)");
        }
        return (key[..slash], index);
    }
}

using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>Batch answers compared entry by entry: status and message exact, numbers to a relative tolerance.</summary>
public static class Answers
{
    public const double Tolerance = 1e-9;

    public static void Same(BatchAnswer[][] expected, BatchAnswer[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (var b = 0; b < expected[i].Length; b++)
            {
                Same(expected[i][b], actual[i][b], $"iteration {i}, batch {b}");
            }
        }
    }

    public static void Same(BatchAnswer expected, BatchAnswer actual, string where)
    {
        Assert.Equal(expected.Scenarios.Count, actual.Scenarios.Count);
        for (var s = 0; s < expected.Scenarios.Count; s++)
        {
            var (e, a) = (expected.Scenarios[s], actual.Scenarios[s]);
            var at = $"{where}, scenario {s}";
            Assert.True(e.Scenario == a.Scenario && e.Status == a.Status && e.Message == a.Message,
                $"{at}: expected ({e.Scenario}, {e.Status}, '{e.Message}'), got ({a.Scenario}, {a.Status}, '{a.Message}')");
            Assert.True(Close(e.Value, a.Value), $"{at}: value {a.Value:R}, expected {e.Value:R}");
            Assert.Equal(e.Subgradient.Length, a.Subgradient.Length);
            for (var j = 0; j < e.Subgradient.Length; j++)
            {
                Assert.True(Close(e.Subgradient[j], a.Subgradient[j]), $"{at}: subgradient[{j}] {a.Subgradient[j]:R}, expected {e.Subgradient[j]:R}");
            }
        }
    }

    /// <summary>Equal to <see cref="Tolerance"/> relative (absolute below 1); NaN equals NaN.</summary>
    public static bool Close(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual)
        : Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));
}

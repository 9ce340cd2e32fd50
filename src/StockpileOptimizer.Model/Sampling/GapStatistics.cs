using MathNet.Numerics.Distributions;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>A sample mean, its standard deviation (n − 1 divisor) and a one-sided confidence bound.</summary>
internal readonly record struct OneSidedBound(double Mean, double StandardDeviation, int Count, double Bound);

/// <summary>
/// One-sided Student-t bounds for the statistical gap (docs/sampling.md): for values x_1..x_n
/// with mean x̄ and standard deviation s, the upper bound x̄ + t_{level, n−1}·s/√n and the lower
/// bound x̄ − t_{level, n−1}·s/√n, t the Student-t quantile with n − 1 degrees of freedom (it
/// approaches the normal z as n grows). With fewer than two values there is no bound (NaN).
/// </summary>
internal static class GapStatistics
{
    public static OneSidedBound Upper(IReadOnlyList<double> values, double level) => Bound(values, level, +1);

    public static OneSidedBound Lower(IReadOnlyList<double> values, double level) => Bound(values, level, -1);

    /// <summary>The one-sided Student-t quantile t_{level, df}: P(T ≤ t) = level.</summary>
    public static double TQuantile(double level, int degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, level);

    private static OneSidedBound Bound(IReadOnlyList<double> values, double level, int sign)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "a confidence level lies strictly between 0 and 1");
        }
        var n = values.Count;
        if (n == 0)
        {
            return new OneSidedBound(double.NaN, double.NaN, 0, double.NaN);
        }
        var mean = values.Average();
        if (n < 2)
        {
            return new OneSidedBound(mean, double.NaN, n, double.NaN);
        }
        var sd = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        return new OneSidedBound(mean, sd, n, mean + sign * TQuantile(level, n - 1) * sd / Math.Sqrt(n));
    }
}

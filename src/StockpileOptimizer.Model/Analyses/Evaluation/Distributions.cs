using MathNet.Numerics.Distributions;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Summarises a weighted sample as a <see cref="Distribution"/> (docs/analyses.md): the mean
/// with a Student-t confidence interval, weighted quantiles, CVaR and the range.
/// </summary>
internal static class Distributions
{
    /// <param name="weights">Non-negative, summing to 1.</param>
    public static Distribution Of(IReadOnlyList<double> values, IReadOnlyList<double> weights, double cvarAlpha, double level, IReadOnlyList<double> quantiles)
    {
        var mean = values.Select((x, i) => weights[i] * x).Sum();
        var sumSquaredWeights = weights.Sum(w => w * w);
        var spread = values.Select((x, i) => weights[i] * (x - mean) * (x - mean)).Sum();
        var effective = 1 / sumSquaredWeights;
        var sd = effective > 1 + 1e-9 ? Math.Sqrt(spread / (1 - sumSquaredWeights)) : 0;
        var se = sd * Math.Sqrt(sumSquaredWeights);
        ConfidenceInterval? interval = null;
        if (effective >= 2 - 1e-9)
        {
            var half = StudentT.InvCDF(0, 1, effective - 1, (1 + level) / 2) * se;
            interval = new ConfidenceInterval(level, mean - half, mean + half, half);
        }
        return new Distribution
        {
            Mean = mean,
            StandardDeviation = sd,
            StandardError = se,
            EffectiveSamples = effective,
            Interval = interval,
            Quantiles = quantiles.Select(p => new QuantileValue(p, Quantile(values, weights, p))).ToArray(),
            Cvar = RiskMeasures.Cvar(values, weights, cvarAlpha),
            CvarAlpha = cvarAlpha,
            Min = values.Min(),
            Max = values.Max(),
        };
    }

    /// <summary>The inverse of the weighted empirical distribution: the smallest x with P(X ≤ x) ≥ p.</summary>
    public static double Quantile(IReadOnlyList<double> values, IReadOnlyList<double> weights, double p)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var cumulative = 0.0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= p - 1e-12)
            {
                return values[i];
            }
        }
        return values[order[^1]];
    }
}

using MathNet.Numerics.Distributions;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// A weighted sample of outcomes summarised (docs/analyses.md): the mean with a Student-t
/// confidence interval, weighted quantiles, CVaR and the range. For N equally weighted
/// samples the interval is mean ± t_{N−1}·s/√N with s the usual (N − 1) standard deviation.
/// </summary>
public sealed record Distribution
{
    public double Mean { get; init; }
    /// <summary>Unbiased weighted standard deviation s = √(Σw(x − mean)² / (1 − Σw²)), weights summing to 1.</summary>
    public double StandardDeviation { get; init; }
    /// <summary>s·√Σw² — s/√N for equal weights.</summary>
    public double StandardError { get; init; }
    /// <summary>Kish's effective sample size 1/Σw² (N for equal weights).</summary>
    public double EffectiveSamples { get; init; }
    /// <summary>Null with fewer than two effective samples (no spread can be estimated).</summary>
    public ConfidenceInterval? Interval { get; init; }
    public IReadOnlyList<QuantileValue> Quantiles { get; init; } = [];
    /// <summary>CVaR at level <see cref="CvarAlpha"/>: the mean of the worst 1 − α of the weight.</summary>
    public double Cvar { get; init; }
    public double CvarAlpha { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }

    /// <param name="weights">Non-negative, summing to 1.</param>
    internal static Distribution Of(IReadOnlyList<double> values, IReadOnlyList<double> weights, double cvarAlpha, double level, IReadOnlyList<double> quantiles)
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
    internal static double Quantile(IReadOnlyList<double> values, IReadOnlyList<double> weights, double p)
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

/// <summary>Mean ± <see cref="HalfWidth"/> at confidence <see cref="Level"/>.</summary>
public sealed record ConfidenceInterval(double Level, double Lower, double Upper, double HalfWidth);

public sealed record QuantileValue(double Probability, double Value);

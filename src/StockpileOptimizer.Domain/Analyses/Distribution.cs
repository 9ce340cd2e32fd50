namespace StockpileOptimizer.Domain;

/// <summary>
/// A weighted sample of outcomes summarised (docs/analyses.md): the mean with a Student-t
/// confidence interval, weighted quantiles, CVaR and the range. For N equally weighted
/// samples the interval is mean ± t_{N−1}·s/√N with s the usual (N − 1) standard deviation.
/// Computed by the model's evaluation (StockpileOptimizer.Model.Analyses.Distributions).
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
}

/// <summary>Mean ± <see cref="HalfWidth"/> at confidence <see cref="Level"/>.</summary>
public sealed record ConfidenceInterval(double Level, double Lower, double Upper, double HalfWidth);

public sealed record QuantileValue(double Probability, double Value);

using MathNet.Numerics.Distributions;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Inverse-CDF sampler of a <see cref="PeriodCountDistribution"/>: the cumulative distribution of
/// the MathNet negative binomial (or Poisson) tabulated once, so that a uniform draw maps to a
/// length by binary search. Inversion (rather than MathNet's own sampler) is what lets a coupled
/// halt give several groups the same quantile of their duration.
/// </summary>
internal sealed class PeriodCountTable
{
    /// <summary>Tail mass left out of the table (lumped into its last entry).</summary>
    private const double TailMass = 1e-12;
    private const int MaxEntries = 100_000;

    private readonly double[] cdf;

    public int Min { get; }

    /// <summary>The distribution of the count above <see cref="Min"/>; null when it is always 0.</summary>
    public IDiscreteDistribution? Excess { get; }

    public PeriodCountTable(PeriodCountDistribution spec)
    {
        Min = spec.Min;
        var mean = spec.Mean - spec.Min;
        if (mean <= 0)
        {
            cdf = [1.0];
            return;
        }
        Excess = spec.Shape is { } r ? new NegativeBinomial(r, r / (r + mean)) : new Poisson(mean);
        var values = new List<double>();
        for (var k = 0; ; k++)
        {
            var c = Excess.CumulativeDistribution(k);
            values.Add(c);
            if (c >= 1 - TailMass || k + 1 >= MaxEntries)
            {
                break;
            }
        }
        values[^1] = 1.0;
        cdf = values.ToArray();
    }

    /// <summary>Mean of the (untruncated) count.</summary>
    public double Mean => Min + (Excess?.Mean ?? 0);

    /// <summary>The smallest count whose cumulative probability exceeds <paramref name="u"/> ∈ [0, 1).</summary>
    public int Quantile(double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cdf[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return Min + lo;
    }

    /// <summary>P(count ≤ n).</summary>
    public double Cdf(int n) => n < Min ? 0 : Excess?.CumulativeDistribution(n - Min) ?? 1;
}

using MathNet.Numerics.Distributions;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>
/// The sampled newsvendor (one period, demand 100, damage 35 per tonne short). Its randomness
/// comes from the scenario distribution: supplier x halts group g with probability ½ and leaves
/// A ~ Beta(2.4, 5.6) of the 100 t of imports (the default availability: mean 0.3, κ 8); demand
/// scale fixed at 1 (σ 0). The shortfall is D = 100·(1 − A) in a halt, 0 otherwise. A tonne
/// stocked costs 10 (acquisition) + 2 (holding) = 12 in every future and, in v1's emergency
/// release, covers a tonne of shortfall, saving 35. So the loss is
///   f(x) = 12·x + 35·E[(D − x)⁺],   f'(x) = 12 − 35·P(D &gt; x),
/// and the optimum is the critical-fractile quantile: P(D ≤ x*) = 1 − 12/35 = 23/35. As
/// P(D ≤ x) = ½ + ½·P(A ≥ 1 − x/100), that is P(A ≥ 1 − x*/100) = 11/35:
///   x* = 100·(1 − F_A⁻¹(24/35)).
/// The SAA problem minimises 12·x + 35·(1/N)·Σ_s (D_s − x)⁺, whose minimiser is the empirical
/// 23/35-quantile d₍⌈23N/35⌉₎ (the sorted shortfalls' ⌈23N/35⌉-th; unique because 12N/35 is not
/// an integer for the N used here).
/// </summary>
public sealed class SaaNewsvendorTests
{
    internal const double Damage = 35;
    internal const double UnitCost = 12;
    internal const double Fractile = 1 - UnitCost / Damage;
    internal const double HaltProbability = 0.5;
    internal static readonly Beta Availability = new(2.4, 5.6);

    internal static StockpileInstance Instance() => HandInstances.Newsvendor(damage: Damage);

    internal static ScenarioDistribution Distribution() =>
        HandInstances.NewsvendorDistribution() with { DemandScale = new LogNormalFactor { Median = 1, Sigma = 0 } };

    /// <summary>x* = 100·(1 − F_A⁻¹(24/35)) (see the class comment).</summary>
    internal static double TrueStock() => 100 * (1 - Availability.InverseCumulativeDistribution(1 - (2 * Fractile - 1)));

    /// <summary>The sample's shortfall: 100·(1 − availability) under its halt, 0 without one.</summary>
    internal static double Shortfall(Scenario sample) =>
        sample.Events.Where(e => e.Kind == "halt").Select(e => 100 * (1 - e.Availability)).DefaultIfEmpty(0).Single();

    internal static SaaResult Solve(int samples, int seed, SaaMethod method = SaaMethod.Auto, double gap = SaaAnalysisSpec.DefaultGap) =>
        SaaAnalysis.Run(ValidatedInstance.Require(Instance()), Spec(samples, seed) with { Method = method, Gap = gap },
            new SolveOptions(), 2, null, null, CancellationToken.None);

    internal static SaaAnalysisSpec Spec(int samples, int seed) =>
        new() { Samples = samples, Seed = seed, Distribution = Distribution() };

    [Theory]
    [InlineData(50, 1)]
    [InlineData(400, 2)]
    public void The_SAA_stock_is_the_sampled_critical_fractile_quantile(int n, int seed)
    {
        var samples = ScenarioGenerator.Sample(Instance(), Distribution(), n, seed);
        var shortfalls = samples.Select(Shortfall).Order().ToArray();
        var quantile = shortfalls[(int)Math.Ceiling(n * Fractile) - 1];

        var result = Solve(n, seed);
        var stock = result.Policy!.Stockpiles.Single().Tonnes;

        Assert.Equal("extensive", result.Method);
        Assert.Equal(quantile, stock, 6);
        // The SAA objective is 12·x + 35·mean((D_s − x)⁺) at that stock.
        Assert.Equal(UnitCost * stock + Damage * shortfalls.Average(d => Math.Max(0, d - stock)), result.ObjectiveUsd, 4);
    }

    [Fact]
    public void Benders_finds_the_same_quantile()
    {
        const int n = 50;
        var shortfalls = ScenarioGenerator.Sample(Instance(), Distribution(), n, 3).Select(Shortfall).Order().ToArray();

        var result = Solve(n, 3, SaaMethod.Benders, gap: 1e-9);

        Assert.Equal("benders", result.Method);
        Assert.Equal(shortfalls[(int)Math.Ceiling(n * Fractile) - 1], result.Policy!.Stockpiles.Single().Tonnes, 6);
    }

    [Fact]
    public void The_SAA_stock_approaches_the_true_quantile_as_N_grows()
    {
        // The sample q-quantile is asymptotically normal around x* with sd √(q(1−q)/N) / f_D(x*),
        // f_D(x) = ½·f_A(1 − x/100)/100 the shortfall's density (its continuous part). Six seeds
        // per N: every error within 4 sd, and the root-mean-square error falls by more than 1.5
        // from N = 50 to N = 400 (√8 ≈ 2.8 expected).
        var truth = TrueStock();
        var density = HaltProbability * Availability.Density(1 - truth / 100) / 100;
        double Rms(int n)
        {
            var sd = Math.Sqrt(Fractile * (1 - Fractile) / n) / density;
            var errors = Enumerable.Range(10, 6).Select(seed => Solve(n, seed).Policy!.Stockpiles.Single().Tonnes - truth).ToArray();
            Assert.All(errors, e => Assert.InRange(Math.Abs(e), 0, 4 * sd));
            return Math.Sqrt(errors.Average(e => e * e));
        }

        var coarse = Rms(50);
        var fine = Rms(400);

        Assert.True(fine < coarse / 1.5, $"RMS error {fine:F2} t at N = 400 against {coarse:F2} t at N = 50 (x* = {truth:F2} t)");
    }
}

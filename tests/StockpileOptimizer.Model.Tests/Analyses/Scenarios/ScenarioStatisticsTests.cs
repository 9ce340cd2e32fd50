using MathNet.Numerics.Distributions;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Tests.Analyses.Scenarios;

/// <summary>One large sample of the default distribution on the default instance, shared by the statistics tests.</summary>
public sealed class LargeSample
{
    public const int Count = 20_000;
    public const int Seed = 20250404;

    public StockpileInstance Instance { get; } = InstanceJson.Default();
    public ScenarioDistribution Distribution { get; } = ScenarioDistribution.Default;
    public IReadOnlyList<Scenario> Scenarios { get; }
    internal IReadOnlyList<ScenarioDraw> Draws { get; }
    public int Periods => Instance.Horizon.Periods;

    public LargeSample()
    {
        Scenarios = ScenarioGenerator.Sample(Instance, Distribution, Count, Seed);
        Draws = ScenarioGenerator.Draw(Instance, Distribution, Count, Seed);
    }

    public GroupHaltDistribution Halt(string group) => Distribution.Halts.Single(h => h.Group == group);

    /// <summary>The halt event of <paramref name="group"/> in each scenario, or null.</summary>
    public IEnumerable<SupplyEvent?> HaltEvents(string group) =>
        Scenarios.Select(s => s.Events.SingleOrDefault(e => e.Kind == "halt" && e.Groups.Contains(group)));
}

/// <summary>
/// Sample statistics of 20,000 scenarios against the stated distributions (analytic values from
/// the MathNet objects or closed forms). Tolerance: 5 standard errors of the estimate — for a
/// mean σ/√n, for an empirical CDF at an analytic quantile q √(q(1 − q)/n), for a frequency
/// √(p(1 − p)/n). The seed is fixed, so the tests are deterministic; 5 SE keeps them honest
/// (a wrong mean or shape shows far outside) without being fragile to a change of seed.
/// </summary>
public sealed class ScenarioStatisticsTests(LargeSample sample) : IClassFixture<LargeSample>
{
    private const double Z = 5;
    private static readonly string[] Groups = ["heavy-ree", "magnet", "light-ree", "other"];
    private static readonly double[] Levels = [0.1, 0.25, 0.5, 0.75, 0.9];

    [Theory]
    [InlineData("heavy-ree")]
    [InlineData("magnet")]
    [InlineData("light-ree")]
    [InlineData("other")]
    public void Halt_frequency_per_group_matches_its_probability(string group)
    {
        var p = sample.Halt(group).Probability;
        var observed = sample.HaltEvents(group).Count(e => e is not null) / (double)LargeSample.Count;
        AssertFrequency(p, observed, LargeSample.Count, group);
    }

    [Fact]
    public void Halts_name_the_supplier_and_one_group_each()
    {
        foreach (var e in sample.Scenarios.SelectMany(s => s.Events))
        {
            Assert.Equal("china", e.Source);
            Assert.Empty(e.Materials);
            if (e.Kind == "halt")
            {
                Assert.Single(e.Groups);
            }
        }
    }

    [Theory]
    [InlineData("light-ree", "heavy-ree")]
    [InlineData("heavy-ree", "magnet")]
    [InlineData("light-ree", "magnet")]
    public void Rare_earth_halts_are_correlated_as_the_supplier_shock_says(string a, string b)
    {
        // P(a and b) = ρ·min(pa, pb) + (1 − ρ)·pa·pb (the coupled draw is comonotone, the other independent).
        double pa = sample.Halt(a).Probability, pb = sample.Halt(b).Probability, rho = sample.Distribution.SupplierShock.Rho;
        var expected = rho * Math.Min(pa, pb) + (1 - rho) * pa * pb;
        var halted = sample.Scenarios.Select(s => s.Events.Where(e => e.Kind == "halt").SelectMany(e => e.Groups).ToHashSet()).ToArray();
        var both = halted.Count(h => h.Contains(a) && h.Contains(b)) / (double)LargeSample.Count;
        AssertFrequency(expected, both, LargeSample.Count, $"{a} & {b}");
        // ... and clearly more often than if the groups were independent.
        var independent = pa * pb;
        Assert.True(both > independent + 10 * Math.Sqrt(independent * (1 - independent) / LargeSample.Count),
            $"joint halts of {a} and {b}: {both:F4}, independence would give {independent:F4}");
    }

    [Fact]
    public void A_coupled_light_ree_halt_comes_with_heavy_ree_and_magnets_in_the_same_periods()
    {
        var coupled = 0;
        foreach (var draw in sample.Draws.Where(d => d.Coupled))
        {
            var light = draw.Halts.SingleOrDefault(h => h.Group == "light-ree");
            if (light is null)
            {
                continue;
            }
            coupled++;
            foreach (var other in new[] { "heavy-ree", "magnet" })
            {
                var h = Assert.Single(draw.Halts, x => x.Group == other);
                Assert.Equal((light.Onset, light.Duration), (h.Onset, h.Duration));
            }
        }
        Assert.True(coupled > 1000, $"only {coupled} coupled light-REE halts");
    }

    [Theory]
    [InlineData("heavy-ree")]
    [InlineData("light-ree")]
    [InlineData("other")]
    public void Halt_onset_is_uniform_over_the_horizon(string group)
    {
        var onsets = sample.HaltEvents(group).OfType<SupplyEvent>().Select(e => (double)e.FromPeriod).ToArray();
        var h = sample.Periods;
        var uniform = new DiscreteUniform(1, h);
        AssertMean(uniform.Mean, uniform.StdDev, onsets, $"{group} onset");
        foreach (var t in new[] { 1, 5, 10, 15, 19 })
        {
            AssertCdf(uniform.CumulativeDistribution(t), onsets, t, $"{group} onset ≤ {t}");
        }
        Assert.Equal(1, onsets.Min());
        Assert.Equal(h, onsets.Max());
    }

    [Theory]
    [InlineData("heavy-ree")]
    [InlineData("light-ree")]
    public void Halt_duration_is_the_shifted_negative_binomial(string group)
    {
        var spec = sample.Halt(group).Duration;
        var mu = spec.Mean - spec.Min;
        var excess = new NegativeBinomial(spec.Shape!.Value, spec.Shape.Value / (spec.Shape.Value + mu));
        var durations = sample.Draws.SelectMany(d => d.Halts).Where(x => x.Group == group).Select(x => (double)x.Duration).ToArray();
        Assert.Equal(spec.Mean, spec.Min + excess.Mean, 9);
        AssertMean(spec.Mean, excess.StdDev, durations, $"{group} duration");
        foreach (var n in new[] { 1, 2, 4, 8, 12 })
        {
            AssertCdf(excess.CumulativeDistribution(n - spec.Min), durations, n, $"{group} duration ≤ {n}");
        }
        Assert.Equal(spec.Min, durations.Min());
    }

    [Fact]
    public void Event_periods_are_the_draws_truncated_at_the_horizon()
    {
        var h = sample.Periods;
        for (var s = 0; s < LargeSample.Count; s++)
        {
            var halts = sample.Scenarios[s].Events.Where(e => e.Kind == "halt").ToArray();
            var draws = sample.Draws[s].Halts;
            Assert.Equal(draws.Count, halts.Length);
            for (var i = 0; i < draws.Count; i++)
            {
                Assert.Equal(draws[i].Group, halts[i].Groups.Single());
                Assert.Equal(draws[i].Onset, halts[i].FromPeriod);
                Assert.Equal(Math.Min(h, draws[i].Onset + draws[i].Duration - 1), halts[i].ToPeriod);
            }
        }
    }

    [Theory]
    [InlineData("heavy-ree")]
    [InlineData("magnet")]
    [InlineData("other")]
    public void Halt_severity_is_the_beta_of_remaining_availability(string group)
    {
        var spec = sample.Halt(group).Availability;
        var beta = new Beta(spec.Alpha, spec.Beta);
        var availability = sample.HaltEvents(group).OfType<SupplyEvent>().Select(e => e.Availability).ToArray();
        Assert.Equal(spec.Mean, beta.Mean, 12);
        AssertMean(beta.Mean, beta.StdDev, availability, $"{group} availability");
        foreach (var q in Levels)
        {
            AssertCdf(q, availability, beta.InverseCumulativeDistribution(q), $"{group} availability q{q}");
        }
        Assert.All(availability, a => Assert.InRange(a, 0, 1));
    }

    [Theory]
    [InlineData("heavy-ree")]
    [InlineData("other")]
    public void Halt_price_multiplier_is_one_plus_a_lognormal(string group)
    {
        var spec = sample.Halt(group).PriceMultiplier;
        Assert.Equal(1, spec.Shift);
        var lognormal = new LogNormal(spec.Mu, spec.Sigma);
        var multipliers = sample.HaltEvents(group).OfType<SupplyEvent>().Select(e => e.PriceMultiplier).ToArray();
        Assert.All(multipliers, m => Assert.True(m > 1, $"a halt lowered a price: ×{m}"));
        AssertMean(spec.Shift + lognormal.Mean, lognormal.StdDev, multipliers, $"{group} price multiplier");
        AssertMean(spec.Mu, spec.Sigma, multipliers.Select(x => Math.Log(x - spec.Shift)).ToArray(), $"{group} ln(price multiplier − 1)");
        AssertCdf(0.5, multipliers, spec.Median, $"{group} price multiplier median");
        foreach (var q in Levels)
        {
            AssertCdf(q, multipliers, spec.Shift + lognormal.InverseCumulativeDistribution(q), $"{group} price multiplier q{q}");
        }
    }

    [Fact]
    public void Demand_scale_is_lognormal()
    {
        var spec = sample.Distribution.DemandScale;
        var lognormal = new LogNormal(spec.Mu, spec.Sigma);
        var scales = sample.Scenarios.Select(s => s.DemandScale).ToArray();
        AssertMean(lognormal.Mean, lognormal.StdDev, scales, "demand scale");
        foreach (var q in Levels)
        {
            AssertCdf(q, scales, lognormal.InverseCumulativeDistribution(q), $"demand scale q{q}");
        }
        // Sample sd of ln D within 5 % of σ (its standard error is σ/√(2n) ≈ 0.5 %).
        var logs = scales.Select(x => Math.Log(x)).ToArray();
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (logs.Length - 1));
        Assert.InRange(sd, 0.95 * spec.Sigma, 1.05 * spec.Sigma);
    }

    [Fact]
    public void Price_war_frequency_depth_and_length_match()
    {
        var war = sample.Distribution.PriceWar;
        var wars = sample.Draws.Select(d => d.PriceWar).OfType<PriceWarDraw>().ToArray();
        AssertFrequency(war.Probability, wars.Length / (double)LargeSample.Count, LargeSample.Count, "price war");

        var depth = new Beta(war.Depth.Alpha, war.Depth.Beta);
        AssertMean(depth.Mean, depth.StdDev, wars.Select(w => w.Depth).ToArray(), "price war depth");
        foreach (var q in Levels)
        {
            AssertCdf(q, wars.Select(w => w.Depth).ToArray(), depth.InverseCumulativeDistribution(q), $"price war depth q{q}");
        }

        var length = new PeriodCountTable(war.Length);
        var excess = new NegativeBinomial(war.Length.Shape!.Value, war.Length.Shape.Value / (war.Length.Shape.Value + war.Length.Mean - war.Length.Min));
        AssertMean(war.Length.Mean, excess.StdDev, wars.Select(w => (double)w.Length).ToArray(), "price war length");
        Assert.Equal(war.Length.Mean, length.Mean, 9);
    }

    [Fact]
    public void A_price_war_ends_the_period_before_a_halt_of_its_groups()
    {
        var before = 0;
        for (var s = 0; s < LargeSample.Count; s++)
        {
            var events = sample.Scenarios[s].Events;
            var war = events.SingleOrDefault(e => e.Kind == "price-war");
            var halt = events.SingleOrDefault(e => e.Kind == "halt" && e.Groups.Contains("light-ree"));
            if (war is null)
            {
                continue;
            }
            Assert.Equal(new[] { "light-ree" }, war.Groups);
            Assert.Equal(1, war.Availability);
            Assert.InRange(war.PriceMultiplier, 0, 1);
            Assert.InRange(war.FromPeriod, 1, war.ToPeriod);
            if (halt is not null)
            {
                before++;
                Assert.Equal(halt.FromPeriod - 1, war.ToPeriod);
                var draw = sample.Draws[s].PriceWar!;
                Assert.Equal(Math.Max(1, halt.FromPeriod - draw.Length), war.FromPeriod);
            }
        }
        Assert.True(before > 50, $"only {before} price wars before a halt");
    }

    [Fact]
    public void Probabilities_are_equal_and_sum_to_one()
    {
        var probabilities = sample.Scenarios.Select(s => s.Probability).ToArray();
        Assert.All(probabilities.SkipLast(1), p => Assert.Equal(1.0 / LargeSample.Count, p));
        Assert.Equal(1.0 / LargeSample.Count, probabilities[^1], 12);
        Assert.True(Math.Abs(probabilities.Sum() - 1) <= 1e-9);
        Assert.Equal("sample-0001", sample.Scenarios[0].Id);
        Assert.Equal("sample-20000", sample.Scenarios[^1].Id);
        Assert.Equal(LargeSample.Count, sample.Scenarios.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void The_large_sample_is_a_valid_instance()
    {
        var instance = ScenarioGenerator.WithScenarios(sample.Instance, sample.Scenarios);
        Assert.Empty(InstanceValidator.Validate(instance));
    }

    private static void AssertFrequency(double p, double observed, int n, string what)
    {
        var tolerance = Z * Math.Sqrt(p * (1 - p) / n);
        Assert.True(Math.Abs(observed - p) <= tolerance, $"{what}: frequency {observed:F4}, expected {p:F4} ± {tolerance:F4}");
    }

    private static void AssertMean(double expected, double sd, double[] values, string what)
    {
        Assert.True(values.Length > 500, $"{what}: only {values.Length} values");
        var tolerance = Z * sd / Math.Sqrt(values.Length);
        var mean = values.Average();
        Assert.True(Math.Abs(mean - expected) <= tolerance, $"{what}: mean {mean:F4}, expected {expected:F4} ± {tolerance:F4} (n = {values.Length})");
    }

    /// <summary>Empirical P(X ≤ x) against the analytic <paramref name="cdf"/> at x.</summary>
    private static void AssertCdf(double cdf, double[] values, double x, string what)
    {
        var observed = values.Count(v => v <= x) / (double)values.Length;
        var tolerance = Z * Math.Sqrt(cdf * (1 - cdf) / values.Length) + 1e-12;
        Assert.True(Math.Abs(observed - cdf) <= tolerance, $"{what}: P(X ≤ {x:G4}) = {observed:F4}, expected {cdf:F4} ± {tolerance:F4}");
    }
}

using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Samples disruption scenarios from a <see cref="ScenarioDistribution"/> for an instance
/// (docs/scenario-generation.md). Seeded: one <see cref="Random"/> built from the seed drives
/// every MathNet sampler in a fixed order, so the same seed gives the same scenarios, bit for bit.
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>
    /// <paramref name="count"/> scenarios "sample-0001".. with equal probabilities 1/count (the
    /// last is 1 − the sum of the others, so they sum to 1). Events name the instance's material
    /// groups and the distribution's supplier; every event lies within the horizon.
    /// </summary>
    /// <exception cref="ArgumentException">The distribution is invalid for the instance, or count &lt; 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled (checked before each scenario).</exception>
    public static IReadOnlyList<Scenario> Sample(
        StockpileInstance instance, ScenarioDistribution distribution, int count, int seed, CancellationToken cancel = default)
    {
        var draws = Draw(instance, distribution, count, seed, cancel);
        var labels = PeriodLabels.For(instance.Horizon);
        var scenarios = new Scenario[count];
        var probability = 1.0 / count;
        var assigned = 0.0;
        for (var s = 0; s < count; s++)
        {
            var p = s == count - 1 ? 1 - assigned : probability;
            assigned += p;
            scenarios[s] = ToScenario(draws[s], s, p, distribution.Supplier, labels);
        }
        return scenarios;
    }

    /// <summary>The instance with its scenarios replaced.</summary>
    public static StockpileInstance WithScenarios(StockpileInstance instance, IReadOnlyList<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(scenarios);
        return instance with { Scenarios = scenarios.ToArray() };
    }

    /// <summary>The raw draws behind <see cref="Sample"/> (durations before truncation at the horizon).</summary>
    internal static IReadOnlyList<ScenarioDraw> Draw(
        StockpileInstance instance, ScenarioDistribution distribution, int count, int seed, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (instance.Horizon is null || instance.Horizon.Periods < 1)
        {
            throw new ArgumentException("the instance needs a horizon of at least one period", nameof(instance));
        }
        var problems = distribution.Validate(instance);
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid scenario distribution: " + string.Join("; ", problems), nameof(distribution));
        }

        var random = new Random(seed);
        var sampler = new Sampler(instance, distribution, random);
        var draws = new ScenarioDraw[count];
        for (var s = 0; s < count; s++)
        {
            cancel.ThrowIfCancellationRequested();
            draws[s] = sampler.Next();
        }
        return draws;
    }

    private static Scenario ToScenario(ScenarioDraw draw, int index, double probability, string supplier, IReadOnlyList<string> labels)
    {
        var periods = labels.Count;
        var events = new List<SupplyEvent>(draw.Halts.Count + 1);
        if (draw.PriceWar is { } war && war.From <= war.To)
        {
            events.Add(new SupplyEvent
            {
                Kind = "price-war",
                Source = supplier,
                Groups = war.Groups,
                FromPeriod = war.From,
                ToPeriod = war.To,
                Availability = 1,
                PriceMultiplier = war.Depth,
            });
        }
        foreach (var halt in draw.Halts)
        {
            events.Add(new SupplyEvent
            {
                Kind = "halt",
                Source = supplier,
                Groups = [halt.Group],
                FromPeriod = halt.Onset,
                ToPeriod = halt.LastPeriod(periods),
                Availability = halt.Availability,
                PriceMultiplier = halt.PriceMultiplier,
            });
        }
        return new Scenario
        {
            Id = "sample-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture),
            Name = Describe(events, labels),
            Probability = probability,
            DemandScale = draw.DemandScale,
            Events = events,
        };
    }

    private static string Describe(List<SupplyEvent> events, IReadOnlyList<string> labels)
    {
        if (events.Count == 0)
        {
            return "no disruption";
        }
        var text = new StringBuilder();
        foreach (var e in events)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }
            text.Append(e.Kind == "halt" ? "halt " : "price war ")
                .AppendJoin('+', e.Groups)
                .Append(' ').Append(labels[e.FromPeriod - 1]);
            if (e.ToPeriod != e.FromPeriod)
            {
                text.Append('-').Append(labels[e.ToPeriod - 1]);
            }
        }
        return text.ToString();
    }

    /// <summary>The distribution compiled against one instance: MathNet objects sharing one seeded Random.</summary>
    private sealed class Sampler
    {
        private readonly Random random;
        private readonly int periods;
        private readonly double rho;
        private readonly GroupSampler[] groups;
        private readonly bool priceWarApplies;
        private readonly string[] priceWarGroups;
        private readonly bool[] precedes;
        private readonly double priceWarProbability;
        private readonly (int First, int Last) priceWarOnset;
        private readonly PeriodCountTable priceWarLength;
        private readonly Beta priceWarDepth;
        private readonly LogNormal demand;
        private readonly double demandShift;

        public Sampler(StockpileInstance instance, ScenarioDistribution d, Random random)
        {
            this.random = random;
            periods = instance.Horizon.Periods;
            rho = d.SupplierShock.Rho;
            var present = instance.Materials.Select(m => m.Group).ToHashSet(StringComparer.Ordinal);
            var shock = d.SupplierShock.Groups.ToHashSet(StringComparer.Ordinal);
            groups = d.Halts
                .Where(h => present.Contains(h.Group))
                .Select(h => new GroupSampler(h, shock.Contains(h.Group), periods, random))
                .ToArray();

            var war = d.PriceWar;
            priceWarGroups = war.Groups.Where(present.Contains).Distinct(StringComparer.Ordinal).ToArray();
            priceWarApplies = priceWarGroups.Length > 0;
            precedes = groups.Select(g => priceWarGroups.Contains(g.Group, StringComparer.Ordinal)).ToArray();
            priceWarProbability = war.Probability;
            priceWarOnset = war.Onset.Within(periods);
            priceWarLength = new PeriodCountTable(war.Length);
            priceWarDepth = new Beta(war.Depth.Alpha, war.Depth.Beta, random);
            demand = new LogNormal(d.DemandScale.Mu, d.DemandScale.Sigma, random);
            demandShift = d.DemandScale.Shift;
        }

        /// <summary>One scenario. The order of the draws below is part of the seed's contract.</summary>
        public ScenarioDraw Next()
        {
            var coupled = random.NextDouble() < rho;
            double haltU = 0, onsetU = 0, durationU = 0;
            if (coupled)
            {
                haltU = random.NextDouble();
                onsetU = random.NextDouble();
                durationU = random.NextDouble();
            }

            var halts = new List<HaltDraw>(groups.Length);
            var nextHalt = int.MaxValue;
            for (var i = 0; i < groups.Length; i++)
            {
                var g = groups[i];
                var shared = coupled && g.InShock;
                var u = shared ? haltU : random.NextDouble();
                if (u >= g.Probability)
                {
                    continue;
                }
                var onset = Uniform(g.Onset, shared ? onsetU : random.NextDouble());
                var duration = g.Duration.Quantile(shared ? durationU : random.NextDouble());
                halts.Add(new HaltDraw(g.Group, shared, onset, duration, g.Availability.Sample(), Factor(g.PriceShift + g.Price.Sample())));
                if (precedes[i])
                {
                    nextHalt = Math.Min(nextHalt, onset);
                }
            }

            PriceWarDraw? priceWar = null;
            if (priceWarApplies && random.NextDouble() < priceWarProbability)
            {
                var length = priceWarLength.Quantile(random.NextDouble());
                var depth = priceWarDepth.Sample();
                priceWar = nextHalt == int.MaxValue
                    ? PlaceFree(length, depth, Uniform(priceWarOnset, random.NextDouble()))
                    : new PriceWarDraw(priceWarGroups, length, depth, Math.Max(1, nextHalt - length), nextHalt - 1, BeforeHalt: true);
            }

            return new ScenarioDraw(coupled, halts, priceWar, Factor(demandShift + demand.Sample()));
        }

        private PriceWarDraw PlaceFree(int length, double depth, int onset) =>
            new(priceWarGroups, length, depth, onset, (int)Math.Min(periods, (long)onset + length - 1), BeforeHalt: false);

        private static int Uniform((int First, int Last) window, double u) =>
            Math.Min(window.Last, window.First + (int)(u * (window.Last - window.First + 1)));
    }

    private sealed class GroupSampler(GroupHaltDistribution h, bool inShock, int periods, Random random)
    {
        public string Group { get; } = h.Group;
        public bool InShock { get; } = inShock;
        public double Probability { get; } = h.Probability;
        public (int First, int Last) Onset { get; } = h.Onset.Within(periods);
        public PeriodCountTable Duration { get; } = new(h.Duration);
        public Beta Availability { get; } = new(h.Availability.Alpha, h.Availability.Beta, random);
        public LogNormal Price { get; } = new(h.PriceMultiplier.Mu, h.PriceMultiplier.Sigma, random);
        public double PriceShift { get; } = h.PriceMultiplier.Shift;
    }

    /// <summary>
    /// A sampled multiplier, kept within what the validator accepts (a far tail of a wide
    /// log-normal would otherwise make a scenario the engine refuses).
    /// </summary>
    private static double Factor(double draw) => Math.Min(draw, InstanceValidator.MaxFactor);
}

/// <summary>One sampled scenario before it becomes events.</summary>
/// <param name="Coupled">The supplier-shock draw: the shock groups shared one halt, onset and duration quantile.</param>
internal sealed record ScenarioDraw(bool Coupled, IReadOnlyList<HaltDraw> Halts, PriceWarDraw? PriceWar, double DemandScale);

/// <summary>A halt of one group; <paramref name="Duration"/> is as drawn, before truncation at the horizon.</summary>
internal sealed record HaltDraw(string Group, bool Coupled, int Onset, int Duration, double Availability, double PriceMultiplier)
{
    public int LastPeriod(int periods) => (int)Math.Min(periods, (long)Onset + Duration - 1);
}

/// <summary>
/// A price war as drawn (<paramref name="Length"/>, <paramref name="Depth"/>) and as placed
/// (<paramref name="From"/>..<paramref name="To"/>; empty when From &gt; To, i.e. the halt it
/// precedes starts in period 1).
/// </summary>
internal sealed record PriceWarDraw(IReadOnlyList<string> Groups, int Length, double Depth, int From, int To, bool BeforeHalt);

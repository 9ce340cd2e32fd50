using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The samples of the statistical gap (docs/sampling.md). The main SAA sample is drawn with the
/// spec's seed S. The evaluation sample (stream 0) and replication i = 1..M (stream i) each get
/// their own seed: SplitMix64 of (S, stream), kept to [0, 2³¹ − 1); a seed equal to S's (as
/// <see cref="Random"/> reads it: |S|) or to an earlier stream's is mixed again until it is new.
/// So the M + 2 samples come from M + 2 distinct seeds, each depends only on S and its stream
/// number (not on M), and the same S gives the same samples bit for bit. Distinct seeds give
/// distinct, statistically independent <see cref="Random"/> streams; they are not proven
/// non-overlapping subsequences of one stream.
/// </summary>
internal static class SampleSeeds
{
    /// <summary>Stream number of the evaluation sample; replication i (1-based) is stream i.</summary>
    public const int EvaluationStream = 0;

    /// <summary>Seeds of streams 0..<paramref name="streams"/> − 1 under the rule above.</summary>
    public static int[] For(int seed, int streams)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streams);
        var used = new HashSet<int> { AsRandomReadsIt(seed) };
        var seeds = new int[streams];
        for (var k = 0; k < streams; k++)
        {
            var state = ((ulong)(uint)seed << 32) | (uint)k;
            int candidate;
            do
            {
                state = SplitMix(state);
                candidate = (int)(state >> 33);
            }
            while (!used.Add(candidate));
            seeds[k] = candidate;
        }
        return seeds;
    }

    /// <summary>
    /// <paramref name="count"/> futures with seed <paramref name="seed"/>: sampled from the
    /// distribution, or, when the spec gives its own list, drawn from that list with replacement
    /// by probability (the list is then the distribution). Equal probabilities 1/count (the
    /// last one 1 − the others, as the generator does).
    /// </summary>
    public static IReadOnlyList<Scenario> Draw(StockpileInstance instance, SaaAnalysisSpec spec, int count, int seed, CancellationToken cancel)
    {
        if (spec.Scenarios is not { Count: > 0 } given)
        {
            return ScenarioGenerator.Sample(instance, spec.Distribution ?? ScenarioDistribution.Default, count, seed, cancel);
        }
        var random = new Random(seed);
        var cumulative = new double[given.Count];
        var total = 0.0;
        for (var i = 0; i < given.Count; i++)
        {
            total += Math.Max(0, given[i].Probability);
            cumulative[i] = total;
        }
        var draws = new Scenario[count];
        var assigned = 0.0;
        for (var s = 0; s < count; s++)
        {
            cancel.ThrowIfCancellationRequested();
            var u = random.NextDouble() * total;
            var i = Array.FindIndex(cumulative, c => u < c);
            var picked = given[i < 0 ? given.Count - 1 : i];
            var p = s == count - 1 ? 1 - assigned : 1.0 / count;
            assigned += p;
            draws[s] = picked with { Id = string.Create(CultureInfo.InvariantCulture, $"draw-{s + 1:D4}-{picked.Id}"), Probability = p };
        }
        return draws;
    }

    /// <summary>The seed <see cref="Random"/>'s seeded constructor actually uses (it ignores the sign).</summary>
    private static int AsRandomReadsIt(int seed) => seed == int.MinValue ? int.MaxValue : Math.Abs(seed);

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

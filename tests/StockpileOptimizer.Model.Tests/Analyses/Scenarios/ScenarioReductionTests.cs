using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Tests.Analyses.Scenarios;

public sealed class ScenarioReductionTests
{
    private static readonly StockpileInstance Default = InstanceJson.Default();
    private static readonly IReadOnlyList<Scenario> Sampled = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 300, 17);

    /// <summary>
    /// One material m (group g) imported from source x, one period. Each scenario throttles x to
    /// the given availability with price multiplier 1 and demand scale 1, so the distance between
    /// two scenarios is exactly |a − a'| (the price and demand features agree).
    /// </summary>
    private static (StockpileInstance Instance, Scenario[] Scenarios) OnALine(params double[] availability)
    {
        var instance = new StockpileInstance
        {
            Horizon = new Horizon { Periods = 1 },
            Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 1 }],
            ImportSources = [new ImportSource { Id = "x" }],
            Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 1 }],
        };
        var scenarios = availability.Select((a, i) => new Scenario
        {
            Id = $"s{i}",
            Probability = 1.0 / availability.Length,
            Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = a }],
        }).ToArray();
        return (instance, scenarios);
    }

    [Fact]
    public void Two_pairs_of_near_duplicates_reduce_to_one_of_each_with_half_the_probability()
    {
        // A1 = 0.20, A2 = 0.21, B1 = 0.80, B2 = 0.83, each with probability 1/4.
        // Distances: A1A2 .01, A1B1 .60, A1B2 .63, A2B1 .59, A2B2 .62, B1B2 .03.
        // Step 1, z(u) = Σ_j p_j·c(j,u): A1 .31, A2 .305, B1 .305, B2 .32 — A2 or B1 (on a line
        // the two inner points always tie; the lower index wins, so A2).
        // Step 2 with A2 kept, z(u) = Σ_j p_j·min(c(j,A2), c(j,u)):
        //   A1: ¼(.59 + .62) = .3025;  B1: ¼(.01 + .03) = .01;  B2: ¼(.01 + .03) = .01
        // — a B is kept (had B1 been chosen first, an A would be, by the mirror argument).
        // Redistribution: the dropped A goes to the kept A (.01 away, not ~.6), the dropped B to
        // the kept B, so each kept scenario carries ¼ + ¼ = ½. Kantorovich distance ¼·.01 + ¼·.03 = .01.
        var (instance, scenarios) = OnALine(0.20, 0.21, 0.80, 0.83);
        var reduced = ScenarioReduction.FastForward(scenarios, 2, instance);

        Assert.Equal(2, reduced.Scenarios.Count);
        Assert.Single(reduced.Kept, i => i is 0 or 1);
        Assert.Single(reduced.Kept, i => i is 2 or 3);
        Assert.All(reduced.Scenarios, s => Assert.Equal(0.5, s.Probability, 12));
        int keptA = reduced.Kept[0], keptB = reduced.Kept[1];
        Assert.Equal([keptA, keptA, keptB, keptB], reduced.AssignedTo);
        Assert.Equal(0.01, reduced.Distance, 6);
        Assert.Empty(InstanceValidator.Validate(OnALineValidatable(instance) with { Scenarios = reduced.Scenarios }));
    }

    [Fact]
    public void Reducing_three_equally_likely_points_to_one_keeps_the_median()
    {
        // 0.2, 0.5, 0.8: z = ⅓(.3 + .6) = .3, ⅓(.3 + .3) = .2, .3 — the middle one, with probability 1.
        var (instance, scenarios) = OnALine(0.2, 0.5, 0.8);
        var reduced = ScenarioReduction.FastForward(scenarios, 1, instance);
        var kept = Assert.Single(reduced.Scenarios);
        Assert.Equal("s1", kept.Id);
        Assert.Equal(1, kept.Probability);
        Assert.Equal(0.2, reduced.Distance, 6);
    }

    [Fact]
    public void K_equal_to_n_returns_the_same_set()
    {
        var reduced = ScenarioReduction.FastForward(Sampled, Sampled.Count, Default);
        Assert.Equal(Sampled, reduced.Scenarios);
        Assert.Equal(Enumerable.Range(0, Sampled.Count), reduced.Kept);
        Assert.Equal(0, reduced.Distance);
        Assert.Equal(Sampled, ScenarioReduction.FastForward(Sampled, Sampled.Count + 5, Default).Scenarios);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(37)]
    public void Reduced_probabilities_sum_to_one_and_never_shrink(int k)
    {
        var reduced = ScenarioReduction.FastForward(Sampled, k, Default);
        Assert.Equal(k, reduced.Scenarios.Count);
        Assert.True(Math.Abs(reduced.Scenarios.Sum(s => s.Probability) - 1) <= 1e-9);
        for (var i = 0; i < k; i++)
        {
            var original = Sampled[reduced.Kept[i]];
            Assert.Equal(original.Id, reduced.Scenarios[i].Id);
            Assert.True(reduced.Scenarios[i].Probability >= original.Probability - 1e-12);
            // The kept probability is the sum of the scenarios assigned to it.
            var assigned = Enumerable.Range(0, Sampled.Count).Where(j => reduced.AssignedTo[j] == reduced.Kept[i]).Sum(j => Sampled[j].Probability);
            Assert.Equal(assigned, reduced.Scenarios[i].Probability, 9);
        }
        Assert.Empty(InstanceValidator.Validate(Default with { Scenarios = reduced.Scenarios }));
    }

    [Fact]
    public void Each_dropped_scenario_goes_to_its_nearest_kept_one()
    {
        var reduced = ScenarioReduction.FastForward(Sampled, 15, Default);
        var x = ScenarioFeatures.Build(Default, Sampled, new ScenarioDistanceWeights());
        double Distance(int a, int b) => Math.Sqrt(x[a].Zip(x[b], (u, v) => (u - v) * (u - v)).Sum());
        var total = 0.0;
        for (var j = 0; j < Sampled.Count; j++)
        {
            var to = reduced.AssignedTo[j];
            Assert.Contains(to, reduced.Kept);
            var d = Distance(j, to);
            Assert.All(reduced.Kept, u => Assert.True(d <= Distance(j, u) + 1e-5, $"scenario {j}: {d} > {Distance(j, u)}"));
            total += Sampled[j].Probability * d;
        }
        Assert.Equal(total, reduced.Distance, 4);
    }

    [Fact]
    public void More_representatives_never_fit_worse()
    {
        // Forward selection is nested (K + 1 keeps the K of the smaller run plus one), so the distance cannot rise.
        var distances = new[] { 1, 3, 8, 20, 60 }.Select(k => ScenarioReduction.FastForward(Sampled, k, Default).Distance).ToArray();
        for (var i = 1; i < distances.Length; i++)
        {
            Assert.True(distances[i] <= distances[i - 1] + 1e-12, string.Join(", ", distances));
        }
        var small = ScenarioReduction.FastForward(Sampled, 8, Default).Kept;
        var large = ScenarioReduction.FastForward(Sampled, 20, Default).Kept;
        Assert.Subset(large.ToHashSet(), small.ToHashSet());
    }

    [Fact]
    public void The_features_expand_group_events_to_materials_sources_and_periods()
    {
        // The default instance: 20 periods; each material imported from china and the allies,
        // except concentrate (allies only); china comes first where both supply a material.
        var scenario = new Scenario
        {
            Id = "s",
            Probability = 1,
            DemandScale = 1.2,
            Events = [new SupplyEvent { Source = "china", Groups = ["heavy-ree"], FromPeriod = 3, ToPeriod = 4, Availability = 0.25, PriceMultiplier = 2 }],
        };
        var x = ScenarioFeatures.Build(Default, [scenario], new ScenarioDistanceWeights()).Single();
        const int H = 20;
        var materials = Default.Materials.Count;
        var sourcesOf = Default.Materials.Select(m => Default.Imports.Where(i => i.Material == m.Id).Select(i => i.Source).Distinct().Count()).ToArray();
        var pairs = sourcesOf.Sum();
        Assert.Equal(pairs * H + materials * H + 1, x.Length);
        var heavy = Default.Materials.Select((m, i) => (m, i)).Where(p => p.m.Group == "heavy-ree").Select(p => p.i).ToArray();
        Assert.Equal(2, heavy.Length);
        Assert.Equal(2 * 2, x.Take(pairs * H).Count(v => v != 1)); // two materials × two periods throttled
        foreach (var m in heavy)
        {
            Assert.Equal(2, sourcesOf[m]);
            var china = sourcesOf.Take(m).Sum() * H; // china is the first of the material's two sources
            Assert.Equal([1, 1, 0.25, 0.25, 1], x.Skip(china).Take(5));
            Assert.All(x.Skip(china + H).Take(H), v => Assert.Equal(1, v)); // allies untouched
            Assert.Equal(Math.Log(2), x[pairs * H + m * H + 2], 12);
        }
        Assert.Equal(1.2 * Math.Sqrt(materials * H), x[^1], 12);
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioReduction.FastForward(Sampled, 0, Default));
        Assert.Throws<ArgumentException>(() => ScenarioReduction.FastForward([], 1, Default));
        var unknown = new[] { new Scenario { Id = "u", Probability = 1, Events = [new SupplyEvent { Source = "china", Groups = ["nope"], FromPeriod = 1, ToPeriod = 1 }] }, Sampled[0] };
        Assert.Throws<ArgumentException>(() => ScenarioReduction.FastForward(unknown, 1, Default));
    }

    /// <summary>The line instance completed just enough for the validator to look at its scenarios.</summary>
    private static StockpileInstance OnALineValidatable(StockpileInstance instance) => instance with
    {
        Horizon = new Horizon { Periods = 1, MonthsPerPeriod = 3 },
        Countries = [new Country { Id = "A", BudgetUsd = 1, StorageTonnes = 1 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 1, AcquisitionUsdPerTonne = 1, HoldingUsdPerTonnePeriod = 0.1 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [1], DamageUsdPerTonne = 1 }],
        Tiers = HandInstances.NoCreditTier,
    };
}

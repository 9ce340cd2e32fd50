using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Tests.Analyses.Scenarios;

/// <summary>Seeding, validity against the instance validator and argument checks of the generator.</summary>
public sealed class ScenarioGeneratorTests
{
    private static readonly StockpileInstance Default = InstanceJson.Default();

    private static string Json(IReadOnlyList<Scenario> scenarios) => JsonSerializer.Serialize(scenarios, InstanceJson.Options);

    [Fact]
    public void The_same_seed_gives_byte_identical_scenarios()
    {
        var a = Json(ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 1000, 42));
        var b = Json(ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 1000, 42));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seeds_give_different_scenarios()
    {
        var a = Json(ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 200, 1));
        var b = Json(ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 200, 2));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_longer_sample_extends_a_shorter_one_with_the_same_seed()
    {
        var shorter = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 50, 7);
        var longer = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 80, 7);
        for (var s = 0; s < 49; s++)
        {
            Assert.Equal(JsonSerializer.Serialize(shorter[s] with { Probability = 0 }, InstanceJson.Options),
                JsonSerializer.Serialize(longer[s] with { Probability = 0 }, InstanceJson.Options));
        }
    }

    [Fact]
    public void The_distribution_round_trips_through_json_and_samples_the_same()
    {
        var json = JsonSerializer.Serialize(ScenarioDistribution.Default, InstanceJson.Options);
        var back = JsonSerializer.Deserialize<ScenarioDistribution>(json, InstanceJson.Options)!;
        Assert.Contains("\"supplierShock\"", json);
        Assert.DoesNotContain("\"alpha\"", json); // derived parameters are not part of the document
        Assert.Equal(Json(ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 300, 3)),
            Json(ScenarioGenerator.Sample(Default, back, 300, 3)));
    }

    [Fact]
    public void A_partial_json_distribution_keeps_the_other_defaults()
    {
        var d = JsonSerializer.Deserialize<ScenarioDistribution>("""{ "supplierShock": { "rho": 0.5 } }""", InstanceJson.Options)!;
        Assert.Equal(0.5, d.SupplierShock.Rho);
        Assert.Equal(["light-ree", "magnet", "heavy-ree"], d.SupplierShock.Groups);
        Assert.Equal(4, d.Halts.Count);
        Assert.Equal("china", d.Supplier);
    }

    /// <summary>Any seed and count on the default instance gives a set the validator accepts.</summary>
    [Property(MaxTest = 40, Replay = "(20261205,11400714819323198485)")]
    public Property Every_sample_passes_the_instance_validator(int seed, PositiveInt count)
    {
        var n = 1 + count.Get % 300;
        var scenarios = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, n, seed);
        var violations = InstanceValidator.Validate(ScenarioGenerator.WithScenarios(Default, scenarios));
        return (violations.Count == 0 && scenarios.Count == n)
            .Label(string.Join("; ", violations.Take(5).Select(v => v.ToString())));
    }

    [Fact]
    public void Multipliers_drawn_beyond_the_validators_bound_are_held_at_it()
    {
        // Medians of 1e7 put every draw above the validator's 1e6 bound on factors.
        var wild = ScenarioDistribution.Default with
        {
            DemandScale = new LogNormalFactor { Median = 1e7, Sigma = 1 },
            Halts = ScenarioDistribution.Default.Halts.Select(h => h with { PriceMultiplier = new LogNormalFactor { Median = 1e7, Sigma = 1 } }).ToArray(),
        };
        var scenarios = ScenarioGenerator.Sample(Default, wild, 50, 3);

        Assert.Empty(InstanceValidator.Validate(ScenarioGenerator.WithScenarios(Default, scenarios)));
        Assert.All(scenarios, s => Assert.True(s.DemandScale <= InstanceValidator.MaxFactor));
        Assert.Contains(scenarios, s => s.DemandScale == InstanceValidator.MaxFactor);
        Assert.Contains(scenarios, s => s.Events.Any(e => e.PriceMultiplier == InstanceValidator.MaxFactor));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Probabilities_sum_to_one_within_the_validators_tolerance(int count)
    {
        var scenarios = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, count, count);
        Assert.True(Math.Abs(scenarios.Sum(s => s.Probability) - 1) <= 1e-9);
        Assert.Empty(InstanceValidator.Validate(Default with { Scenarios = scenarios }));
    }

    [Fact]
    public void Extreme_parameters_still_give_valid_events()
    {
        // Every group halts, always together, for very long; the price war always happens and
        // its halt may start in period 1 (no room: the war is dropped); onset windows beyond the horizon are clipped.
        var distribution = ScenarioDistribution.Default with
        {
            Halts = ScenarioDistribution.DefaultHalts.Select(h => h with
            {
                Probability = 1,
                Onset = new OnsetWindow { First = 1, Last = 400 },
                Duration = new PeriodCountDistribution { Min = 3, Mean = 60, Shape = 0.5 },
                Availability = new BetaFraction { Mean = 0.01, Concentration = 0.5 },
                PriceMultiplier = new LogNormalFactor { Median = 3, Sigma = 2 },
            }).ToArray(),
            SupplierShock = new SupplierShockDistribution { Groups = ["light-ree", "magnet", "heavy-ree", "other"], Rho = 1 },
            PriceWar = new PriceWarDistribution { Probability = 1, Groups = ["light-ree", "magnet", "no-such-group"] },
            DemandScale = new LogNormalFactor { Median = 1, Sigma = 0 },
        };
        var scenarios = ScenarioGenerator.Sample(Default, distribution, 500, 11);
        Assert.Empty(InstanceValidator.Validate(Default with { Scenarios = scenarios }));
        Assert.All(scenarios, s => Assert.Equal(1, s.DemandScale));
        Assert.All(scenarios, s => Assert.Equal(4, s.Events.Count(e => e.Kind == "halt")));
        // Coupled with ρ = 1 and equal timing distributions: all halts share their periods.
        Assert.All(scenarios, s => Assert.Single(s.Events.Where(e => e.Kind == "halt").Select(e => (e.FromPeriod, e.ToPeriod)).Distinct()));
    }

    [Fact]
    public void Any_instance_works_given_its_groups_and_supplier()
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec { Periods = 6, Seed = 5 });
        var distribution = new ScenarioDistribution
        {
            Supplier = "cn",
            Halts =
            [
                new GroupHaltDistribution { Group = "heavy", Probability = 0.5 },
                new GroupHaltDistribution { Group = "light", Probability = 0.2 },
                new GroupHaltDistribution { Group = "absent-group", Probability = 0.9 },
            ],
            SupplierShock = new SupplierShockDistribution { Groups = ["light", "heavy"], Rho = 0.5 },
            PriceWar = new PriceWarDistribution { Groups = ["light"], Probability = 0.3 },
        };
        var scenarios = ScenarioGenerator.Sample(instance, distribution, 400, 9);
        Assert.Empty(InstanceValidator.Validate(instance with { Scenarios = scenarios }));
        Assert.Contains(scenarios, s => s.Events.Any(e => e.Groups.Contains("heavy")));
        Assert.Contains(scenarios, s => s.Events.Any(e => e.Kind == "price-war"));
        Assert.DoesNotContain(scenarios, s => s.Events.Any(e => e.Groups.Contains("absent-group")));
    }

    [Fact]
    public void Names_describe_the_events()
    {
        var scenarios = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 200, 5);
        Assert.Contains(scenarios, s => s.Name == "no disruption" && s.Events.Count == 0);
        var halted = scenarios.First(s => s.Events.Count > 0);
        Assert.StartsWith(halted.Events[0].Kind == "halt" ? "halt " : "price war ", halted.Name);
        Assert.Contains("20", halted.Name); // a period label such as 2027Q3
    }

    [Fact]
    public void Invalid_arguments_are_refused_with_the_field_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 0, 1));
        var unknownSupplier = Assert.Throws<ArgumentException>(() =>
            ScenarioGenerator.Sample(Default, ScenarioDistribution.Default with { Supplier = "atlantis" }, 10, 1));
        Assert.Contains("supplier", unknownSupplier.Message);
        var bad = ScenarioDistribution.Default with
        {
            Halts = [new GroupHaltDistribution { Group = "magnet", Probability = 1.5, Availability = new BetaFraction { Mean = 1 } }],
            SupplierShock = new SupplierShockDistribution { Rho = -0.1 },
        };
        var problems = bad.Validate(Default);
        Assert.Contains(problems, p => p.StartsWith("halts[0].probability"));
        Assert.Contains(problems, p => p.StartsWith("halts[0].availability.mean"));
        Assert.Contains(problems, p => p.StartsWith("supplierShock.rho"));
        Assert.Throws<ArgumentException>(() => ScenarioGenerator.Sample(Default, bad, 10, 1));
        var nulls = JsonSerializer.Deserialize<ScenarioDistribution>(
            """{ "halts": [ { "group": "magnet", "probability": 0.5, "duration": null } ], "priceWar": { "depth": null } }""", InstanceJson.Options)!;
        Assert.Equal(["halts[0].duration: missing (null)", "priceWar.depth: missing (null)"], nulls.Validate(Default));
        Assert.Empty(ScenarioDistribution.Default.Validate(Default));
    }

    [Fact]
    public void With_scenarios_replaces_only_the_scenarios()
    {
        var scenarios = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 5, 1);
        var replaced = ScenarioGenerator.WithScenarios(Default, scenarios);
        Assert.Equal(scenarios, replaced.Scenarios);
        Assert.Equal(InstanceJson.Write(Default with { Scenarios = [] }), InstanceJson.Write(replaced with { Scenarios = [] }));
    }

    [Fact]
    public void The_period_count_table_inverts_the_mathnet_cdf()
    {
        var table = new PeriodCountTable(new PeriodCountDistribution { Min = 2, Mean = 5, Shape = 1.5 });
        Assert.Equal(2, table.Quantile(0));
        for (var n = 2; n < 30; n++)
        {
            // Just below P(X ≤ n) the quantile is n (or less); just above it is more than n.
            Assert.True(table.Quantile(Math.Max(0, table.Cdf(n) - 1e-9)) <= n);
            Assert.True(table.Quantile(Math.Min(0.999999999, table.Cdf(n) + 1e-9)) > n);
        }
        var poisson = new PeriodCountTable(new PeriodCountDistribution { Min = 1, Mean = 3 });
        Assert.Equal(3, poisson.Mean, 12);
        var fixedLength = new PeriodCountTable(new PeriodCountDistribution { Min = 4, Mean = 4 });
        Assert.Equal(4, fixedLength.Quantile(0.999));
    }
}

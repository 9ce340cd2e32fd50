namespace StockpileOptimizer.Model.Tests.Checking;

using System.Text.Json;
using StockpileOptimizer.Domain;

/// <summary>The format-2 instances the checker agreement runs on: valid, of many shapes, and v1 left as it was.</summary>
public sealed class GeneratorV2Tests
{
    private static readonly int[] Seeds = [.. Enumerable.Range(1, 64)];

    [Fact]
    public void Generated_v2_instances_are_valid()
    {
        var specs = Enumerable.Range(1, 200).Select(GeneratorSpec.SmallV2)
            .Concat(Enumerable.Range(1, 20).Select(s => new GeneratorSpec { Seed = s, FormatVersion = 2 }))
            .Concat(Enumerable.Range(1, 10).Select(s => new GeneratorSpec { Seed = s, Countries = 4, Materials = 6, FormatVersion = 2 }));
        var invalid = specs
            .Select(spec => (spec, violations: InstanceValidator.Validate(InstanceGenerator.Generate(spec))))
            .Where(e => e.violations.Count > 0)
            .Select(e => $"{e.spec}: {string.Join("; ", e.violations.Take(3))}")
            .ToList();

        Assert.True(invalid.Count == 0, string.Join("\n", invalid.Take(5)));
    }

    [Fact]
    public void Format_1_is_the_v1_instance_and_format_2_only_adds_to_it()
    {
        var spec = new GeneratorSpec { Seed = 7, Countries = 3 };
        var v1 = InstanceGenerator.Generate(spec);
        var v2 = InstanceGenerator.Generate(spec with { FormatVersion = 2 });

        Assert.Equal(1, v1.FormatVersion);
        Assert.Equal(Economics.V1, Economics.For(v1));
        Assert.Empty(v1.Holdings);
        Assert.Empty(v1.Trade);
        Assert.All(v1.Producers, p => Assert.Empty(p.Inputs));
        Assert.All(v1.Scenarios, s => Assert.Empty(s.TariffEvents));
        Assert.All(v1.Sharing, l => Assert.True(l.TariffExempt));

        Assert.Equal(2, v2.FormatVersion);
        Assert.Equal(Json(v1.Demands), Json(v2.Demands));
        Assert.Equal(Json(v1.Imports), Json(v2.Imports));
        Assert.Equal(Json(v1.Materials), Json(v2.Materials));
        Assert.Equal(Json(v1.Investments), Json(v2.Investments));
        Assert.Equal(Json(v1.Scenarios.Select(s => s.Events)), Json(v2.Scenarios.Select(s => s.Events)));
        // Same seed, same instance.
        Assert.Equal(Json(v2), Json(InstanceGenerator.Generate(spec with { FormatVersion = 2 })));
    }

    [Fact]
    public void Recipes_are_acyclic_and_never_draw_the_producers_own_material()
    {
        foreach (var seed in Seeds)
        {
            var instance = InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed));
            var index = instance.Materials.Select((m, i) => (m.Id, i)).ToDictionary(e => e.Id, e => e.i);
            foreach (var p in instance.Producers)
            {
                // Inputs come from earlier materials only: every chain runs forwards, so none closes.
                Assert.All(p.Inputs, i => Assert.True(index[i.Material] < index[p.Material], $"seed {seed}: {p.Id} draws {i.Material}"));
                Assert.All(p.Inputs, i => Assert.InRange(i.TonnesPerTonne, 0.2, 1.5));
            }
        }
    }

    [Fact]
    public void Seeds_give_many_shapes()
    {
        var instances = Seeds.Select(s => InstanceGenerator.Generate(GeneratorSpec.SmallV2(s))).ToList();
        var economics = instances.Select(Economics.For).ToList();
        (string Shape, Func<StockpileInstance, bool> Has)[] shapes =
        [
            ("one country", i => i.Countries.Count == 1),
            ("three countries", i => i.Countries.Count == 3),
            ("recipes", i => i.Producers.Any(p => p.Inputs.Count > 0)),
            ("a two-input recipe", i => i.Producers.Any(p => p.Inputs.Count == 2)),
            ("government holdings", i => i.Holdings.Any(h => h.GovernmentTonnes > 0)),
            ("private holdings", i => i.Holdings.Any(h => h.PrivateTonnes > 0)),
            ("trade", i => i.Trade.Count > 0),
            ("tariff events", i => i.Scenarios.Any(s => s.TariffEvents.Count > 0)),
            ("overlapping tariff events", i => i.Scenarios.Any(s => s.TariffEvents.Count > 1)),
            ("a tariff event on every material", i => i.Scenarios.Any(s => s.TariffEvents.Any(e => e.Materials.Count == 0 && e.Groups.Count == 0))),
            ("a dutiable sharing link", i => i.Sharing.Any(l => !l.TariffExempt)),
            ("a floor on all demand", i => i.Policy.CoverageFloors.Any(f => f.Basis == CoverageBasis.All)),
            ("a floor on defence demand", i => i.Policy.CoverageFloors.Any(f => f.Basis == CoverageBasis.Defence)),
            ("a floor in days", i => i.Policy.CoverageFloors.Any(f => f.Days is not null)),
            ("a terminal value set", i => i.Policy.TerminalValueFraction is not null),
            ("a release price set", i => i.Policy.ReleasePriceFraction is not null),
            ("investments", i => i.Investments.Count > 0),
            ("risk aversion", i => i.Policy.RiskWeight > 0),
        ];
        foreach (var (shape, has) in shapes)
        {
            var count = instances.Count(has);
            Assert.True(count > 0 && count < instances.Count, $"{shape}: in {count} of {instances.Count} instances");
        }
        Assert.Equal(Enum.GetValues<ReleaseRule>(), economics.Select(e => e.ReleaseRule).Distinct().Order());
        Assert.Equal(Enum.GetValues<CostView>(), economics.Select(e => e.CostView).Distinct().Order());
        Assert.Equal(Enum.GetValues<BolrContract>(), economics.Select(e => e.BolrContract).Distinct().Order());
        Assert.Equal([false, true], economics.Select(e => e.TieBreaking).Distinct().Order());
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

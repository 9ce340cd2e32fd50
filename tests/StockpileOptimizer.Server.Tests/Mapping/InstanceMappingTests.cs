using StockpileOptimizer.Contracts.Mapping;
using System.Text.Json.Nodes;
using Google.Protobuf;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Tests.Mapping;

public sealed class InstanceMappingTests
{
    [Fact]
    public void The_default_instance_round_trips_with_the_same_fingerprint()
    {
        var instance = InstanceJson.Default();
        var problems = new List<Violation>();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(instance), problems);

        Assert.Empty(problems);
        Assert.Equal(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(back));
        Assert.Equal(InstanceJson.Write(instance), InstanceJson.Write(back));
    }

    [Fact]
    public void A_generated_instance_with_partners_and_price_wars_round_trips()
    {
        var instance = TestInstances.Large();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(instance), new List<Violation>());

        Assert.Equal(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(back));
    }

    /// <summary>
    /// The proto's JSON names are the domain's: the proto JSON of the default instance reads as
    /// an instance file with the same fingerprint, so validator paths name proto fields. (The
    /// enums are spelled differently, COOPERATION_MODE_JOINT against "joint", and are respelled.)
    /// </summary>
    [Fact]
    public void The_proto_json_of_an_instance_is_the_instance_file_format()
    {
        var instance = InstanceJson.Default();
        var json = JsonNode.Parse(new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true))
            .Format(DomainMapping.ToProto(instance)))!;
        Assert.Equal("COOPERATION_MODE_JOINT", (string?)json["policy"]!["mode"]);
        var policy = json["policy"]!.AsObject();
        foreach (var (name, prefix) in new[] { ("mode", "COOPERATION_MODE_"), ("releaseRule", "RELEASE_RULE_"), ("costView", "COST_VIEW_"), ("bolrContract", "BOLR_CONTRACT_") })
        {
            policy[name] = DomainSpelling((string?)policy[name], prefix);
        }
        foreach (var floor in policy["coverageFloors"]!.AsArray())
        {
            floor!["basis"] = DomainSpelling((string?)floor["basis"], "COVERAGE_BASIS_");
        }

        var parsed = InstanceJson.Parse(json.ToJsonString());

        Assert.Equal(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(parsed));
    }

    /// <summary>"BOLR_CONTRACT_TOP_UP" → "top-up"; UNSPECIFIED → null (the domain's default).</summary>
    private static JsonNode? DomainSpelling(string? proto, string prefix) =>
        proto is null || proto == prefix + "UNSPECIFIED" ? null : JsonValue.Create(proto[prefix.Length..].ToLowerInvariant().Replace('_', '-'));

    [Fact]
    public void Unset_fields_with_presence_take_the_domain_defaults_and_explicit_zeros_stay()
    {
        var proto = DomainMapping.ToProto(TestInstances.Tiny());
        proto.Horizon.MonthsPerPeriod = null;
        proto.Scenarios[0].DemandScale = null;
        var halt = proto.Scenarios[1].Events[0];
        halt.Kind = null;
        halt.PriceMultiplier = null;
        halt.Availability = 0;
        proto.Policy.CvarAlpha = null;

        var instance = DomainMapping.ToDomain(proto, new List<Violation>());

        Assert.Equal(3, instance.Horizon.MonthsPerPeriod);
        Assert.Equal(1, instance.Scenarios[0].DemandScale);
        var e = instance.Scenarios[1].Events[0];
        Assert.Equal("halt", e.Kind);
        Assert.Equal(1, e.PriceMultiplier);
        Assert.Equal(0, e.Availability);
        Assert.Equal(0.9, instance.Policy.CvarAlpha);
    }

    [Fact]
    public void Missing_messages_become_empty_ones_that_the_validator_reports_by_path()
    {
        var proto = DomainMapping.ToProto(TestInstances.Tiny());
        proto.Horizon = null;
        proto.Policy = null;
        var problems = new List<Violation>();

        var instance = DomainMapping.ToDomain(proto, problems);

        Assert.Empty(problems);
        Assert.Equal(CooperationMode.Joint, instance.Policy.Mode);
        Assert.Contains(InstanceValidator.Validate(instance), v => v.Path == "horizon.periods");
    }

    [Fact]
    public void An_unknown_enum_value_is_a_violation_at_its_path()
    {
        var proto = DomainMapping.ToProto(TestInstances.Tiny());
        proto.Policy.Mode = (V1.CooperationMode)7;
        var problems = new List<Violation>();

        DomainMapping.ToDomain(proto, problems);

        var problem = Assert.Single(problems);
        Assert.Equal("policy.mode", problem.Path);
        Assert.StartsWith("policy.mode ", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(V1.CooperationMode.Unspecified, CooperationMode.Joint)]
    [InlineData(V1.CooperationMode.Joint, CooperationMode.Joint)]
    [InlineData(V1.CooperationMode.Independent, CooperationMode.Independent)]
    public void Cooperation_modes_map_and_unspecified_means_joint(V1.CooperationMode proto, CooperationMode expected)
    {
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        instance.Policy.Mode = proto;

        Assert.Equal(expected, DomainMapping.ToDomain(instance, new List<Violation>()).Policy.Mode);
    }
}

using System.Text.Json.Nodes;
using Google.Protobuf;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Tests.Mapping;

/// <summary>The model v2 fields cross the wire both ways: instance, result (with its explanation) and the explain option.</summary>
public sealed class V2MappingTests
{
    [Fact]
    public void An_instance_with_every_v2_field_round_trips_equal()
    {
        var instance = V2Samples.Instance();
        var problems = new List<Violation>();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(instance), problems);

        Assert.Empty(problems);
        Assert.Empty(InstanceValidator.Validate(instance));
        Assert.Equal(InstanceJson.Write(instance), InstanceJson.Write(back));
        Assert.Equal(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(back));
    }

    [Fact]
    public void The_v2_fields_land_in_their_proto_fields()
    {
        var proto = DomainMapping.ToProto(V2Samples.Instance());

        Assert.Equal(2, proto.FormatVersion);
        Assert.Equal(2.5, proto.Producers[0].Inputs.Single().TonnesPerTonne);
        Assert.Equal(12, proto.Producers[0].SignedCommitmentTonnesPerPeriod);
        Assert.Equal((40.0, 15.0), (proto.Holdings[0].GovernmentTonnes, proto.Holdings[0].PrivateTonnes));
        Assert.Equal(("B", "A", 0.25), (proto.Trade[0].FromCountry, proto.Trade[0].ToCountry, proto.Trade[0].Tariff));
        Assert.False(proto.Sharing[0].TariffExempt);
        Assert.Equal(0.5, proto.Scenarios[1].TariffEvents.Single().Tariff);
        Assert.Equal(V1.ReleaseRule.Market, proto.Policy.ReleaseRule);
        Assert.Equal(V1.CostView.Fiscal, proto.Policy.CostView);
        Assert.Equal(V1.BolrContract.Purchase, proto.Policy.BolrContract);
        Assert.Equal((0.8, 0.7, false), (proto.Policy.ReleasePriceFraction, proto.Policy.TerminalValueFraction, proto.Policy.TieBreaking));
        Assert.Equal((60.0, V1.CoverageBasis.All), (proto.Policy.CoverageFloors[0].Days, proto.Policy.CoverageFloors[0].Basis));
        Assert.Null(proto.Policy.CoverageFloors[1].Days);
    }

    [Fact]
    public void Unset_v2_options_are_null_in_the_domain_and_unspecified_on_the_wire()
    {
        var proto = DomainMapping.ToProto(TestInstances.Tiny());

        Assert.Equal(V1.ReleaseRule.Unspecified, proto.Policy.ReleaseRule);
        Assert.Null(proto.Policy.TerminalValueFraction);
        Assert.Null(proto.Policy.TieBreaking);
        proto.FormatVersion = 0;
        proto.Sharing.Add(new V1.SharingLink { CountryA = "A", CountryB = "B", Material = "m" });
        var instance = DomainMapping.ToDomain(proto, new List<Violation>());

        Assert.Equal(1, instance.FormatVersion);
        Assert.True(instance.Sharing.Single().TariffExempt);
        Assert.Null(instance.Policy.ReleaseRule);
        Assert.Null(instance.Policy.ReleasePriceFraction);
        Assert.Null(instance.Policy.TerminalValueFraction);
        Assert.Null(instance.Policy.CostView);
        Assert.Null(instance.Policy.BolrContract);
        Assert.Null(instance.Policy.TieBreaking);
        Assert.Equal(Economics.V1, Economics.For(instance));
    }

    [Theory]
    [InlineData(V1.ReleaseRule.Emergency, ReleaseRule.Emergency)]
    [InlineData(V1.ReleaseRule.Shortage, ReleaseRule.Shortage)]
    [InlineData(V1.ReleaseRule.Market, ReleaseRule.Market)]
    public void Release_rules_map_both_ways(V1.ReleaseRule proto, ReleaseRule domain)
    {
        var instance = V2Samples.Instance();
        instance = instance with { Policy = instance.Policy with { ReleaseRule = domain } };

        Assert.Equal(proto, DomainMapping.ToProto(instance).Policy.ReleaseRule);
        Assert.Equal(domain, DomainMapping.ToDomain(DomainMapping.ToProto(instance), new List<Violation>()).Policy.ReleaseRule);
    }

    [Fact]
    public void Cost_views_contracts_and_bases_map_both_ways()
    {
        var v2 = V2Samples.Instance();
        var instance = v2 with
        {
            Policy = v2.Policy with
            {
                CostView = CostView.Economy,
                BolrContract = BolrContract.TopUp,
                CoverageFloors = [v2.Policy.CoverageFloors[0] with { Basis = CoverageBasis.Defence }],
            },
        };

        var proto = DomainMapping.ToProto(instance);
        var back = DomainMapping.ToDomain(proto, new List<Violation>());

        Assert.Equal((V1.CostView.Economy, V1.BolrContract.TopUp, V1.CoverageBasis.Defence),
            (proto.Policy.CostView, proto.Policy.BolrContract, proto.Policy.CoverageFloors[0].Basis));
        Assert.Equal((CostView.Economy, BolrContract.TopUp, CoverageBasis.Defence),
            (back.Policy.CostView, back.Policy.BolrContract, back.Policy.CoverageFloors[0].Basis));
    }

    [Fact]
    public void Unknown_v2_enum_values_are_violations_at_their_paths()
    {
        var proto = DomainMapping.ToProto(V2Samples.Instance());
        proto.Policy.ReleaseRule = (V1.ReleaseRule)9;
        proto.Policy.CostView = (V1.CostView)9;
        proto.Policy.BolrContract = (V1.BolrContract)9;
        proto.Policy.CoverageFloors[1].Basis = (V1.CoverageBasis)9;
        var problems = new List<Violation>();

        DomainMapping.ToDomain(proto, problems);

        Assert.Equal(["policy.coverageFloors[1].basis", "policy.releaseRule", "policy.costView", "policy.bolrContract"], problems.Select(p => p.Path));
        Assert.Equal(
            "policy.releaseRule has a value this server does not know (9); use RELEASE_RULE_EMERGENCY or RELEASE_RULE_SHORTAGE or RELEASE_RULE_MARKET",
            problems[1].Message);
    }

    [Fact]
    public void The_proto_json_of_trade_and_tariff_events_says_from_and_to_as_the_instance_file_does()
    {
        var json = JsonNode.Parse(JsonFormatter.Default.Format(DomainMapping.ToProto(V2Samples.Instance())))!;

        Assert.Equal("B", (string?)json["trade"]![0]!["from"]);
        Assert.Equal("A", (string?)json["trade"]![0]!["to"]);
        Assert.Equal("A", (string?)json["scenarios"]![1]!["tariffEvents"]![0]!["to"]);
        Assert.Equal(2, (int?)json["formatVersion"]);
    }

    [Fact]
    public void A_result_with_an_explanation_round_trips_equal()
    {
        var result = V2Samples.Result();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(result));

        Assert.Equal(InstanceJson.WriteResult(result), InstanceJson.WriteResult(back));
    }

    [Fact]
    public void The_result_additions_land_in_their_proto_fields_and_nan_is_unset()
    {
        var proto = DomainMapping.ToProto(V2Samples.Result());

        Assert.Equal(40, proto.Policy.Stockpiles[0].ExistingTonnes);
        Assert.Equal([true, false], proto.Scenarios[0].Materials[0].ReleaseAllowed);
        Assert.Equal([double.PositiveInfinity, 12.5], proto.Scenarios[0].Materials[0].ReleaseLimitTonnes);
        Assert.Equal([0.25, 0.5], proto.Scenarios[0].Trade[0].Tariff);
        Assert.Equal(243.75, proto.Kpis.ExpectedTariffRevenue.Single().Usd);
        Assert.Equal(12.5, proto.Explanation.Stockpiles[0].MarginalValueUsdPerTonne);
        Assert.Equal(["2026Q1", "2026Q2"], proto.Explanation.Stockpiles[0].Releases[0].Periods);
        Assert.Equal(42.5, proto.Explanation.Tiers[0].Up.ObjectiveChangeUsd);
        Assert.Null(proto.Explanation.Tiers[0].Down);
        Assert.Null(proto.Explanation.Tiers[1].Down.ObjectiveChangeUsd);
        Assert.Equal(17.5, proto.Explanation.Commitments[0].ExpectedFloorPaymentsUsd);
        Assert.Equal(765.5, proto.Explanation.Investments[0].ValueUsd);
        Assert.Null(proto.Explanation.Investments[1].ObjectiveIfFlippedUsd);
        Assert.Equal("imports", proto.Explanation.NeverShort[0].Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_explain_option_reaches_the_engine(bool explain)
    {
        var problems = new List<Violation>();

        var options = Model.SolveOptions.From(DomainMapping.ToDomain(new V1.SolveOptions { Explain = explain }, problems));

        Assert.Empty(problems);
        Assert.Equal(explain, options.Explain);
    }
}

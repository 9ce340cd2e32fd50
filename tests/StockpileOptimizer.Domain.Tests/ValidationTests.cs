using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// Structure: required sets, ids, references, duplicate keys, lengths, nulls, and reporting
/// every fault at once. Number ranges are in <see cref="ValidationRangeTests"/>.
/// </summary>
public sealed class ValidationTests
{
    private static IReadOnlyList<string> PathsAfter(string path, string json) =>
        InstanceValidator.Validate(Valid().With(path, json)).Paths();

    [Fact]
    public void The_small_instance_is_valid()
    {
        Assert.Empty(InstanceValidator.Validate(Valid()));
    }

    [Theory]
    [InlineData("countries", "country")]
    [InlineData("materials", "material")]
    [InlineData("sectors", "sector")]
    [InlineData("scenarios", "scenario")]
    [InlineData("tiers", "tax-credit tier")]
    public void An_empty_required_set_is_reported(string set, string what)
    {
        var violations = InstanceValidator.Validate(Valid().With(set, "[]"));

        Assert.Contains(new Violation(set, $"{set} must list at least one {what}"), violations);
    }

    [Theory]
    [InlineData("horizon")]
    [InlineData("policy")]
    [InlineData("countries")]
    [InlineData("materials")]
    [InlineData("sectors")]
    [InlineData("demands")]
    [InlineData("importSources")]
    [InlineData("imports")]
    [InlineData("producers")]
    [InlineData("investments")]
    [InlineData("tiers")]
    [InlineData("privateStock")]
    [InlineData("sharing")]
    [InlineData("scenarios")]
    [InlineData("policy.coverageFloors")]
    [InlineData("demands[0].tonnesPerPeriod")]
    [InlineData("investments[0].partners")]
    [InlineData("privateStock[0].tonnesByTier")]
    [InlineData("scenarios[1].events")]
    [InlineData("scenarios[1].events[0].materials")]
    [InlineData("scenarios[1].events[0].groups")]
    [InlineData("countries[1]")]
    [InlineData("scenarios[1].events[0]")]
    [InlineData("scenarios[1].events[0].materials[0]")]
    public void A_null_list_object_or_item_is_reported_not_thrown(string path)
    {
        Assert.Contains(path, PathsAfter(path, "null"));
    }

    [Theory]
    [InlineData("countries")]
    [InlineData("materials")]
    [InlineData("sectors")]
    [InlineData("importSources")]
    [InlineData("producers")]
    [InlineData("investments")]
    [InlineData("tiers")]
    [InlineData("scenarios")]
    public void A_duplicate_id_is_reported_at_the_duplicate(string list)
    {
        var json = ToJson(Valid());
        var items = json[list]!.AsArray();
        items.Add(items[0]!.DeepClone());
        var duplicate = $"{list}[{items.Count - 1}].id";

        var violations = InstanceValidator.Validate(FromJson(json));

        var violation = Assert.Single(violations, v => v.Path == duplicate);
        Assert.EndsWith($"is already the id of {list}[0]", violation.Message);
    }

    [Theory]
    [InlineData("countries[1].id")]
    [InlineData("materials[0].id")]
    [InlineData("sectors[1].id")]
    [InlineData("importSources[0].id")]
    [InlineData("producers[0].id")]
    [InlineData("investments[0].id")]
    [InlineData("tiers[1].id")]
    [InlineData("scenarios[0].id")]
    public void A_blank_id_is_reported(string path)
    {
        Assert.Contains(path, PathsAfter(path, "\"  \""));
    }

    [Theory]
    [InlineData("demands[0].country")]
    [InlineData("demands[0].material")]
    [InlineData("demands[0].sector")]
    [InlineData("imports[0].country")]
    [InlineData("imports[0].material")]
    [InlineData("imports[0].source")]
    [InlineData("producers[0].country")]
    [InlineData("producers[0].material")]
    [InlineData("investments[0].producer")]
    [InlineData("investments[0].partners[1].country")]
    [InlineData("privateStock[0].country")]
    [InlineData("privateStock[0].material")]
    [InlineData("sharing[0].countryA")]
    [InlineData("sharing[0].countryB")]
    [InlineData("sharing[0].material")]
    [InlineData("scenarios[1].events[0].source")]
    [InlineData("scenarios[1].events[0].materials[0]")]
    [InlineData("scenarios[1].events[0].groups[0]")]
    [InlineData("policy.coverageFloors[0].country")]
    [InlineData("policy.coverageFloors[0].material")]
    public void An_unknown_reference_is_reported_and_nothing_else(string path)
    {
        Assert.Equal([path], PathsAfter(path, "\"XX\""));
    }

    [Fact]
    public void An_unknown_reference_message_lists_what_is_known()
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("producers[0].country", "\"MX\"")));

        Assert.Equal("producers[0].country names unknown country \"MX\" (known: US, CA)", violation.Message);
    }

    [Fact]
    public void An_event_group_must_be_the_group_of_some_material()
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("scenarios[1].events[0].groups[0]", "\"battery\"")));

        Assert.Contains("unknown material group \"battery\" (known: light-ree, heavy-ree)", violation.Message);
    }

    [Fact]
    public void A_price_only_event_may_leave_the_source_blank_but_a_throttle_may_not()
    {
        Assert.Empty(InstanceValidator.Validate(Valid().With("scenarios[1].events[0].source", "\"\"")
            .With("scenarios[1].events[0].availability", "1")));
        Assert.Equal(["scenarios[1].events[0].source"], PathsAfter("scenarios[1].events[0].source", "\"\""));
    }

    [Fact]
    public void An_event_that_names_nothing_is_reported()
    {
        var instance = Valid().With("scenarios[1].events[0].materials", "[]").With("scenarios[1].events[0].groups", "[]");

        Assert.Equal(["scenarios[1].events[0]"], InstanceValidator.Validate(instance).Paths());
    }

    [Fact]
    public void A_sharing_link_needs_two_different_countries()
    {
        Assert.Equal(["sharing[0].countryB"], PathsAfter("sharing[0].countryB", "\"US\""));
    }

    [Theory]
    [InlineData("demands", """{"country":"US","material":"NdPr","sector":"auto","tonnesPerPeriod":[1,1,1,1]}""")]
    [InlineData("imports", """{"country":"US","material":"NdPr","source":"CN","tonnesPerPeriod":1}""")]
    [InlineData("privateStock", """{"country":"US","material":"NdPr","tonnesByTier":[0,1]}""")]
    [InlineData("sharing", """{"countryA":"CA","countryB":"US","material":"NdPr","tonnesPerPeriod":1}""")]
    [InlineData("policy.coverageFloors", """{"country":"US","material":"NdPr","months":1}""")]
    [InlineData("investments[0].partners", """{"country":"CA","minShare":0,"maxShare":0}""")]
    public void A_repeated_key_is_reported_at_the_repeat(string list, string item)
    {
        var json = ToJson(Valid());
        var items = Navigate(json, Steps(list))!.AsArray();
        items.Add(System.Text.Json.Nodes.JsonNode.Parse(item));
        var repeat = $"{list}[{items.Count - 1}]";

        var violation = Assert.Single(InstanceValidator.Validate(FromJson(json)));

        Assert.Equal(repeat, violation.Path);
        Assert.Contains("repeats the", violation.Message);
    }

    [Theory]
    [InlineData("[1,2,3]", 3)]
    [InlineData("[1,2,3,4,5]", 5)]
    [InlineData("[]", 0)]
    public void A_demand_series_must_have_one_entry_per_period(string series, int length)
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("demands[1].tonnesPerPeriod", series)));

        Assert.Equal("demands[1].tonnesPerPeriod", violation.Path);
        Assert.Equal($"demands[1].tonnesPerPeriod must have one entry per period: expected 4 (horizon.periods), got {length}",
            violation.Message);
    }

    [Fact]
    public void A_private_stock_response_must_have_one_entry_per_tier()
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("privateStock[0].tonnesByTier", "[0,50,80]")));

        Assert.Equal("privateStock[0].tonnesByTier", violation.Path);
        Assert.Contains("expected 2 (tiers), got 3", violation.Message);
    }

    [Fact]
    public void Several_faults_are_all_reported_at_once()
    {
        var instance = Valid()
            .With("producers[0].capacityTonnesPerPeriod", "-5")
            .With("scenarios[0].probability", "0.25")
            .With("demands[2].tonnesPerPeriod", "[5,5,6]")
            .With("imports[1].source", "\"RU\"")
            .With("policy.cvarAlpha", "1")
            .With("investments[0].leadTimePeriods", "-1")
            .With("sharing[0].countryB", "\"US\"")
            .With("tiers[0].rate", "0.05");

        var violations = InstanceValidator.Validate(instance);

        // Each edit breaks one rule; moving tier 0 off rate 0 leaves no "no credit" tier.
        string[] expected =
        [
            "demands[2].tonnesPerPeriod", "imports[1].source", "investments[0].leadTimePeriods",
            "policy.cvarAlpha", "producers[0].capacityTonnesPerPeriod", "scenarios", "sharing[0].countryB", "tiers",
        ];
        Assert.Equal(expected, violations.Paths().Order(StringComparer.Ordinal));
        Assert.Contains(violations, v => v.Message == "producers[0].capacityTonnesPerPeriod must be ≥ 0 (got -5)");
    }

    [Fact]
    public void ThrowIfInvalid_passes_a_valid_instance_and_lists_every_violation_otherwise()
    {
        InstanceValidator.ThrowIfInvalid(Valid());
        var instance = Valid().With("countries[0].budgetUsd", "-1").With("horizon.periods", "0");

        var error = Assert.Throws<InvalidInstanceException>(() => InstanceValidator.ThrowIfInvalid(instance));

        Assert.Equal(InstanceValidator.Validate(instance), error.Violations);
        Assert.All(error.Violations, v => Assert.Contains(v.Message, error.Message));
    }

    [Fact]
    public void A_null_instance_is_a_violation_not_an_exception()
    {
        Assert.Single(InstanceValidator.Validate(null!));
    }
}

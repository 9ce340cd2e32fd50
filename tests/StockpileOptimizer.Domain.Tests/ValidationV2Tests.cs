using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// The model v2 fields: format version, recipes, trade and tariffs, holdings, the v2 policy
/// options, coverage by days and basis, contract terms, and compounded price events. Each
/// rule reports at its field; the v1 instance (no v2 field) and the v2 one are valid.
/// </summary>
public sealed class ValidationV2Tests
{
    [Fact]
    public void The_v2_instance_with_every_new_field_is_valid()
    {
        Assert.Empty(InstanceValidator.Validate(ValidV2()));
    }

    [Fact]
    public void A_v1_instance_without_any_new_field_stays_valid()
    {
        // The small instance's JSON without formatVersion and every v2 field, as a v1 file is.
        var json = ToJson(Valid()).AsObject();
        json.Remove("formatVersion");
        json.Remove("trade");
        json.Remove("holdings");
        foreach (var name in new[] { "releaseRule", "releasePriceFraction", "terminalValueFraction", "costView", "bolrContract", "tieBreaking" })
        {
            json["policy"]!.AsObject().Remove(name);
        }
        var instance = FromJson(json);

        Assert.Equal(1, instance.FormatVersion);
        Assert.Empty(InstanceValidator.Validate(instance));
    }

    [Fact]
    public void The_default_instance_validates()
    {
        Assert.Empty(InstanceValidator.Validate(InstanceJson.Default()));
    }

    /// <summary>Setting <paramref name="path"/> of the v2 instance to <paramref name="json"/> is reported at exactly <paramref name="expected"/> (default: the path).</summary>
    [Theory]
    [InlineData("formatVersion", "0")]
    [InlineData("formatVersion", "3")]
    // Recipes: known material, not the producer's own output, 0 < tonnesPerTonne ≤ 1000, once each.
    [InlineData("producers[0].inputs[0].material", "\"zz\"")]
    [InlineData("producers[0].inputs[0].material", "\"NdPr\"")]
    [InlineData("producers[0].inputs[0].tonnesPerTonne", "0")]
    [InlineData("producers[0].inputs[0].tonnesPerTonne", "-2")]
    [InlineData("producers[0].inputs[0].tonnesPerTonne", "1000.0000000000001")]
    [InlineData("producers[0].inputs", "[{\"material\": \"ore\", \"tonnesPerTonne\": 2}, {\"material\": \"ore\", \"tonnesPerTonne\": 1}]", "producers[0].inputs[1]")]
    // v2 policy options: fractions in [0, 1].
    [InlineData("policy.releasePriceFraction", "1.5")]
    [InlineData("policy.releasePriceFraction", "-0.1")]
    [InlineData("policy.terminalValueFraction", "\"NaN\"")]
    [InlineData("policy.terminalValueFraction", "2")]
    // Trade links: known countries and material, from ≠ to, tonnes and tariff in range, (from, to, material) once.
    [InlineData("trade[2].from", "\"zz\"")]
    [InlineData("trade[2].to", "\"\"")]
    [InlineData("trade[2].material", "\"zz\"")]
    [InlineData("trade[2].to", "\"CA\"")]
    [InlineData("trade[1].material", "\"NdPr\"", "trade[1]")]
    [InlineData("trade[0].tonnesPerPeriod", "-1")]
    [InlineData("trade[0].tonnesPerPeriod", "1e10")]
    [InlineData("trade[0].tariff", "-0.1")]
    [InlineData("trade[0].tariff", "10.000000000000002")]
    // Tariff events: known countries, materials and groups, a window within the horizon, tariff in range.
    [InlineData("scenarios[1].tariffEvents[0].from", "\"zz\"")]
    [InlineData("scenarios[1].tariffEvents[0].to", "\"US\"")]
    [InlineData("scenarios[1].tariffEvents[0].materials[0]", "\"zz\"")]
    [InlineData("scenarios[1].tariffEvents[1].groups[0]", "\"zz\"")]
    [InlineData("scenarios[1].tariffEvents[0].fromPeriod", "0")]
    [InlineData("scenarios[1].tariffEvents[0].toPeriod", "5")]
    [InlineData("scenarios[1].tariffEvents[0].toPeriod", "1")]
    [InlineData("scenarios[1].tariffEvents[0].tariff", "-1")]
    [InlineData("scenarios[1].tariffEvents[0].tariff", "11")]
    // Holdings: known refs, tonnes in range, (country, material) once, government stock within storage.
    [InlineData("holdings[0].country", "\"zz\"")]
    [InlineData("holdings[0].material", "\"zz\"")]
    [InlineData("holdings[0].governmentTonnes", "-1")]
    [InlineData("holdings[1].privateTonnes", "\"NaN\"")]
    [InlineData("holdings[1]", "{\"country\": \"US\", \"material\": \"NdPr\"}", "holdings[1]")]
    [InlineData("holdings[0].governmentTonnes", "5000.5")]
    // Coverage floors: days in [0, 36000]; months and days together contradict each other.
    [InlineData("policy.coverageFloors[0].days", "-1")]
    [InlineData("policy.coverageFloors[0].days", "36000.00000000001")]
    [InlineData("policy.coverageFloors[1].days", "30")]
    // Contract terms (v2, top-up): commitment within capacity 300 + investment 100; fee needs a commitment; floor ≥ cost.
    [InlineData("producers[0].maxCommitmentTonnesPerPeriod", "400.001")]
    [InlineData("producers[0].maxCommitmentTonnesPerPeriod", "0", "producers[0].commitmentFeeUsdPerTonnePeriod")]
    [InlineData("producers[0].floorPriceUsdPerTonne", "54999")]
    // A signed commitment is ≥ 0 and within the most the producer would sign (200).
    [InlineData("producers[0].signedCommitmentTonnesPerPeriod", "-1")]
    [InlineData("producers[0].signedCommitmentTonnesPerPeriod", "200.5")]
    public void A_bad_v2_value_is_reported_at_its_field(string path, string json, params string[] expected)
    {
        var violations = InstanceValidator.Validate(ValidV2().With(path, json));

        Assert.Equal(expected.Length == 0 ? [path] : expected, violations.Paths());
    }

    [Theory]
    [InlineData("producers[0].inputs[0].tonnesPerTonne", "1000")]
    [InlineData("trade[0].tariff", "10")]
    [InlineData("scenarios[1].tariffEvents[0].tariff", "10")]
    [InlineData("policy.releasePriceFraction", "0")]
    [InlineData("policy.terminalValueFraction", "1")]
    [InlineData("policy.coverageFloors[0].days", "36000")]
    // US storage is 5000 t: holdings of exactly that fit.
    [InlineData("holdings[0].governmentTonnes", "5000")]
    // The most the producer can ever make: capacity 300 + the investment's 100.
    [InlineData("producers[0].maxCommitmentTonnesPerPeriod", "400")]
    // A floor at cost is allowed; with no commitment possible, a floor under cost and no fee are harmless.
    [InlineData("producers[0].floorPriceUsdPerTonne", "55000")]
    [InlineData("producers[0].signedCommitmentTonnesPerPeriod", "200")]
    public void A_boundary_v2_value_is_accepted(string path, string json)
    {
        Assert.Empty(InstanceValidator.Validate(ValidV2().With(path, json)));
    }

    [Fact]
    public void Undefined_enum_values_are_reported_at_their_fields()
    {
        var v2 = ValidV2();
        var instance = v2 with
        {
            Policy = v2.Policy with
            {
                ReleaseRule = (ReleaseRule)9,
                CostView = (CostView)9,
                BolrContract = (BolrContract)9,
                CoverageFloors = [v2.Policy.CoverageFloors[0] with { Basis = (CoverageBasis)9 }],
            },
        };

        var violations = InstanceValidator.Validate(instance);

        Assert.Equal(["policy.releaseRule", "policy.costView", "policy.bolrContract", "policy.coverageFloors[0].basis"], violations.Paths());
        Assert.Equal("policy.releaseRule must be one of emergency | shortage | market (got 9)", violations[0].Message);
    }

    [Fact]
    public void Months_and_days_together_say_which_fields_contradict()
    {
        var violation = Assert.Single(InstanceValidator.Validate(ValidV2().With("policy.coverageFloors[1].days", "30")));

        Assert.Equal("policy.coverageFloors[1].days is set (30) and so is months (2): they contradict each other; give one (days, when set, replaces months)", violation.Message);
    }

    [Fact]
    public void A_recipe_cycle_across_countries_is_reported_with_its_materials_and_producers()
    {
        // Mountain Pass (US) makes NdPr from ore; a Canadian plant making ore from NdPr closes ore → NdPr → ore.
        var v2 = ValidV2();
        var instance = v2 with
        {
            Producers = [.. v2.Producers, new() { Id = "ore-from-ndpr", Country = "CA", Material = "ore", CapacityTonnesPerPeriod = 10, Inputs = [new() { Material = "NdPr", TonnesPerTonne = 0.5 }] }],
        };

        var violation = Assert.Single(InstanceValidator.Validate(instance));

        // Depth-first from "NdPr" (ordinal order): NdPr → ore by ore-from-ndpr, then ore → NdPr closes it.
        Assert.Equal("producers[0].inputs[0].material", violation.Path);
        Assert.Contains("closes a recipe cycle NdPr → ore → NdPr (producers ore-from-ndpr, mountain-pass)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_recipe_cycle_is_reported_once()
    {
        // ore → NdPr (mountain-pass), NdPr → Dy (dy-from-ndpr), Dy → ore (ore-from-dy).
        var v2 = ValidV2();
        var instance = v2 with
        {
            Producers =
            [
                .. v2.Producers,
                new() { Id = "dy-from-ndpr", Country = "CA", Material = "Dy", Inputs = [new() { Material = "NdPr", TonnesPerTonne = 1 }] },
                new() { Id = "ore-from-dy", Country = "US", Material = "ore", Inputs = [new() { Material = "Dy", TonnesPerTonne = 1 }] },
            ],
        };

        var violation = Assert.Single(InstanceValidator.Validate(instance));

        // Depth-first from "Dy": Dy → ore → NdPr, then NdPr → Dy closes it.
        Assert.Equal("producers[2].inputs[0].material", violation.Path);
        Assert.Contains("Dy → ore → NdPr → Dy", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tariff_event_on_a_route_without_trade_is_reported()
    {
        var v2 = ValidV2();
        var instance = v2 with { Trade = [.. v2.Trade.Where(l => l.From == "CA")] };

        var violations = InstanceValidator.Validate(instance);

        Assert.Equal(["scenarios[1].tariffEvents[0]", "scenarios[1].tariffEvents[1]"], violations.Paths());
        Assert.Contains("no trade link runs that way", violations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Government_holdings_summed_above_storage_name_the_holdings_and_the_storage()
    {
        // US storage 5000 t: 500 t of NdPr + 4600 t of Dy = 5100 t.
        var v2 = ValidV2();
        var instance = v2 with { Holdings = [.. v2.Holdings, new() { Country = "US", Material = "Dy", GovernmentTonnes = 4600 }] };

        var violation = Assert.Single(InstanceValidator.Validate(instance));

        Assert.Equal("holdings[2].governmentTonnes", violation.Path);
        Assert.Equal(
            "holdings[2].governmentTonnes brings the government holdings of \"US\" at t = 0 to 5100 t (holdings[0], holdings[2]), above its storage of 5000 t (countries[0].storageTonnes)",
            violation.Message);
    }

    [Fact]
    public void Private_holdings_do_not_count_against_storage()
    {
        Assert.Empty(InstanceValidator.Validate(ValidV2().With("holdings[0].privateTonnes", "1e6")));
    }

    [Fact]
    public void The_commitment_above_capacity_is_a_v2_rule_only()
    {
        // 400.001 > 300 + 100 is refused in version 2 (above) but a v1 file keeps loading.
        var instance = Valid().With("producers[0].maxCommitmentTonnesPerPeriod", "400.001");

        Assert.Empty(InstanceValidator.Validate(instance));
    }

    [Theory]
    [InlineData("\"purchase\"")]
    [InlineData("null", 1)]
    public void A_floor_under_cost_is_allowed_for_purchase_contracts(string contract, int version = 2)
    {
        // Under purchase the government buys at the floor; a floor under cost is a cheap option, not a contradiction.
        var instance = ValidV2().With("policy.bolrContract", contract).With("formatVersion", $"{version}")
            .With("producers[0].floorPriceUsdPerTonne", "50000");

        Assert.Empty(InstanceValidator.Validate(instance));
    }

    [Fact]
    public void The_fee_message_names_the_missing_commitment()
    {
        var violation = Assert.Single(InstanceValidator.Validate(ValidV2().With("producers[0].maxCommitmentTonnesPerPeriod", "0")));

        Assert.Equal("producers[0].commitmentFeeUsdPerTonnePeriod is 500 USD/t a period, but maxCommitmentTonnesPerPeriod is 0: a fee on a contract that can commit nothing", violation.Message);
    }
}

/// <summary>The generator's v2 instances (many shapes) meet every v2 rule, at the small and the default size.</summary>
public sealed class GeneratedV2ValidationTests
{
    [Fact]
    public void Generated_v2_instances_are_valid()
    {
        var invalid = Enumerable.Range(1, 300)
            .Select(seed => (Seed: seed, Violations: InstanceValidator.Validate(InstanceGenerator.Generate(GeneratorSpec.SmallV2(seed)))))
            .Concat(Enumerable.Range(1, 30).Select(seed =>
                (Seed: -seed, Violations: InstanceValidator.Validate(InstanceGenerator.Generate(new GeneratorSpec { Seed = seed, FormatVersion = 2 })))))
            .Where(r => r.Violations.Count > 0)
            .SelectMany(r => r.Violations.Select(v => $"seed {r.Seed}: {v.Message}"))
            .ToList();

        Assert.Empty(invalid);
    }
}

using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>Number ranges: quantities, fractions, probabilities, periods, cost shares, policy options.</summary>
public sealed class ValidationRangeTests
{
    /// <summary>Setting <paramref name="path"/> to <paramref name="json"/> is reported at exactly <paramref name="expected"/> (default: the path itself).</summary>
    [Theory]
    // Quantities and money: ≥ 0 and finite.
    [InlineData("countries[0].budgetUsd", "-1")]
    [InlineData("countries[1].storageTonnes", "\"Infinity\"")]
    [InlineData("materials[0].priceUsdPerTonne", "\"NaN\"")]
    [InlineData("materials[1].acquisitionUsdPerTonne", "-0.01")]
    [InlineData("materials[1].holdingUsdPerTonnePeriod", "\"-Infinity\"")]
    [InlineData("demands[0].tonnesPerPeriod[3]", "-10")]
    [InlineData("demands[2].damageUsdPerTonne", "\"NaN\"")]
    [InlineData("imports[0].tonnesPerPeriod", "-450")]
    [InlineData("producers[0].capacityTonnesPerPeriod", "-5")]
    [InlineData("producers[0].rampTonnesPerPeriod", "\"NaN\"")]
    [InlineData("producers[0].unitCostUsdPerTonne", "-1")]
    [InlineData("producers[0].floorPriceUsdPerTonne", "\"Infinity\"")]
    [InlineData("producers[0].maxCommitmentTonnesPerPeriod", "-200")]
    [InlineData("investments[0].addedCapacityTonnesPerPeriod", "-100")]
    [InlineData("investments[0].capexUsd", "\"NaN\"")]
    [InlineData("investments[0].leadTimePeriods", "-1")]
    [InlineData("privateStock[0].tonnesByTier[1]", "-50")]
    [InlineData("sharing[0].tonnesPerPeriod", "\"-Infinity\"")]
    [InlineData("scenarios[1].demandScale", "-1.1")]
    [InlineData("policy.coverageFloors[0].months", "\"NaN\"")]
    // Horizon.
    [InlineData("horizon.periods", "0")]
    [InlineData("horizon.monthsPerPeriod", "0")]
    // Probabilities in [0, 1]; outside it the sum is not checked as well.
    [InlineData("scenarios[0].probability", "-0.5")]
    [InlineData("scenarios[0].probability", "1.5")]
    [InlineData("scenarios[0].probability", "\"NaN\"")]
    [InlineData("scenarios[0].probability", "0.4", "scenarios")]
    [InlineData("scenarios[0].probability", "0.6", "scenarios")]
    // Events: availability in [0, 1], multiplier > 0, periods within 1..H and in order.
    [InlineData("scenarios[1].events[0].availability", "1.2")]
    [InlineData("scenarios[1].events[0].availability", "-0.1")]
    [InlineData("scenarios[1].events[0].priceMultiplier", "0")]
    [InlineData("scenarios[1].events[0].priceMultiplier", "-2")]
    [InlineData("scenarios[1].events[0].priceMultiplier", "\"Infinity\"")]
    [InlineData("scenarios[1].events[0].fromPeriod", "0")]
    [InlineData("scenarios[1].events[0].toPeriod", "5")]
    [InlineData("scenarios[1].events[0].fromPeriod", "4", "scenarios[1].events[0].toPeriod")]
    // Cost shares: each bound in [0, 1], min ≤ max.
    [InlineData("investments[0].partners[0].minShare", "-0.1")]
    [InlineData("investments[0].partners[1].maxShare", "1.5")]
    // 0.9 > maxShare 0.8, and with the other partner's 0.2 the minimum shares sum to 1.1 > 1.
    [InlineData("investments[0].partners[1].minShare", "0.9", "investments[0].partners[1].minShare", "investments[0].partners")]
    // Tiers: rates in [0, 1], and a tier with rate exactly 0.
    [InlineData("tiers[1].rate", "1.5")]
    [InlineData("tiers[1].rate", "\"NaN\"")]
    [InlineData("tiers[0].rate", "0.01", "tiers")]
    // Policy: λ ≥ 0 finite, α in (0, 1), θ in [0, 1].
    [InlineData("policy.riskWeight", "-0.5")]
    [InlineData("policy.riskWeight", "\"Infinity\"")]
    [InlineData("policy.cvarAlpha", "0")]
    [InlineData("policy.cvarAlpha", "1")]
    [InlineData("policy.cvarAlpha", "\"NaN\"")]
    [InlineData("policy.refillFraction", "1.01")]
    [InlineData("policy.refillFraction", "-0.01")]
    public void An_out_of_range_value_is_reported_at_its_field(string path, string json, params string[] expected)
    {
        var violations = InstanceValidator.Validate(Valid().With(path, json));

        Assert.Equal(expected.Length == 0 ? [path] : expected, violations.Paths());
    }

    [Theory]
    [InlineData("policy.cvarAlpha", "0.001")]
    [InlineData("policy.cvarAlpha", "0.999")]
    [InlineData("policy.refillFraction", "0")]
    [InlineData("policy.refillFraction", "1")]
    [InlineData("policy.riskWeight", "0")]
    [InlineData("scenarios[1].events[0].availability", "0")]
    [InlineData("scenarios[1].events[0].fromPeriod", "1")]
    [InlineData("scenarios[1].events[0].toPeriod", "4")]
    [InlineData("tiers[1].rate", "1")]
    [InlineData("investments[0].leadTimePeriods", "0")]
    [InlineData("countries[0].budgetUsd", "0")]
    public void A_boundary_value_is_accepted(string path, string json)
    {
        Assert.Empty(InstanceValidator.Validate(Valid().With(path, json)));
    }

    [Fact]
    public void Probabilities_that_are_decimal_fractions_sum_to_one_within_tolerance()
    {
        // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in binary floating point.
        var instance = Valid() with
        {
            Scenarios = [new() { Id = "a", Probability = 0.1 }, new() { Id = "b", Probability = 0.2 }, new() { Id = "c", Probability = 0.7 }],
        };

        Assert.Empty(InstanceValidator.Validate(instance));
    }

    [Fact]
    public void Probabilities_off_by_more_than_the_tolerance_are_reported()
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("scenarios[0].probability", "0.5000001")));

        Assert.Equal("scenarios", violation.Path);
        Assert.Equal("scenarios probabilities must sum to 1 (got 1.0000001)", violation.Message);
    }

    [Theory]
    // min shares 0.7 + 0.6 = 1.3 > 1: no split pays exactly the capex.
    [InlineData(0.7, 1, 0.6, 1, "minimum shares sum to 1.3 > 1")]
    // max shares 0.5 + 0.3 = 0.8 < 1: the capex cannot be covered.
    [InlineData(0, 0.5, 0, 0.3, "maximum shares sum to 0.8 < 1")]
    public void Cost_shares_that_cannot_split_the_capex_are_reported(
        double min0, double max0, double min1, double max1, string reason)
    {
        var instance = Valid()
            .With("investments[0].partners[0].minShare", $"{min0}").With("investments[0].partners[0].maxShare", $"{max0}")
            .With("investments[0].partners[1].minShare", $"{min1}").With("investments[0].partners[1].maxShare", $"{max1}");

        var violation = Assert.Single(InstanceValidator.Validate(instance));

        Assert.Equal("investments[0].partners", violation.Path);
        Assert.Contains(reason, violation.Message);
    }

    [Fact]
    public void Messages_give_the_rule_and_the_value_found()
    {
        var instance = Valid().With("materials[0].priceUsdPerTonne", "\"NaN\"").With("policy.cvarAlpha", "1")
            .With("scenarios[1].events[0].toPeriod", "9");

        Assert.Equal(
            [
                "materials[0].priceUsdPerTonne must be a finite number ≥ 0 (got NaN)",
                "scenarios[1].events[0].toPeriod must be a period between 1 and 4 (horizon.periods) (got 9)",
                "policy.cvarAlpha must be strictly between 0 and 1 (got 1)",
            ],
            InstanceValidator.Validate(instance).Select(v => v.Message));
    }

    [Fact]
    public void An_undefined_cooperation_mode_is_reported()
    {
        var instance = Valid() with { Policy = Valid().Policy with { Mode = (CooperationMode)7 } };

        Assert.Equal(["policy.mode"], InstanceValidator.Validate(instance).Paths());
    }
}

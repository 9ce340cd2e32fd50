using System.Text.Json.Nodes;
using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// Upper bounds per kind of quantity (InstanceValidator.Bounds.cs): a finite number above its
/// kind's bound is one violation at its field, "… must be ≤ 1e12 (got …)"; the bound itself is
/// accepted. Without them 1e20 and more made the solver fail or were cut to 1e20.
/// </summary>
public sealed class ValidationBoundTests
{
    [Theory]
    // USD per tonne: 1e12 (a price at the bound is in ValidationV2Tests: its events may raise it).
    [InlineData("materials[1].acquisitionUsdPerTonne", "1e12")]
    [InlineData("materials[1].holdingUsdPerTonnePeriod", "1e12")]
    [InlineData("demands[2].damageUsdPerTonne", "1e12")]
    [InlineData("producers[0].unitCostUsdPerTonne", "1e12")]
    [InlineData("producers[0].floorPriceUsdPerTonne", "1e12")]
    [InlineData("producers[0].commitmentFeeUsdPerTonnePeriod", "1e12")]
    // Tonnes: 1e9.
    [InlineData("countries[1].storageTonnes", "1e9")]
    [InlineData("demands[0].tonnesPerPeriod[3]", "1e9")]
    [InlineData("imports[0].tonnesPerPeriod", "1e9")]
    [InlineData("producers[0].capacityTonnesPerPeriod", "1e9")]
    [InlineData("producers[0].rampTonnesPerPeriod", "1e9")]
    [InlineData("producers[0].maxCommitmentTonnesPerPeriod", "1e9")]
    [InlineData("investments[0].addedCapacityTonnesPerPeriod", "1e9")]
    [InlineData("privateStock[0].tonnesByTier[1]", "1e9")]
    [InlineData("sharing[0].tonnesPerPeriod", "1e9")]
    // USD: 1e15.
    [InlineData("countries[0].budgetUsd", "1e15")]
    [InlineData("investments[0].capexUsd", "1e15")]
    // Factors: 1e6.
    [InlineData("scenarios[1].demandScale", "1e6")]
    [InlineData("scenarios[1].events[0].priceMultiplier", "1e6")]
    [InlineData("policy.riskWeight", "1e6")]
    // Months of cover: 1200.
    [InlineData("policy.coverageFloors[0].months", "1200")]
    public void A_number_above_its_bound_is_one_violation_at_its_field_and_the_bound_is_accepted(string path, string bound)
    {
        var max = double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture);
        var above = Math.BitIncrement(max);

        Assert.Empty(InstanceValidator.Validate(Valid().With(path, bound)));
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With(path, Json(above))));
        Assert.Equal(path, violation.Path);
        Assert.StartsWith($"{path} must be ≤ {bound} (got ", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_gives_the_bound_and_the_value_found()
    {
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("materials[0].acquisitionUsdPerTonne", "1e30")));

        Assert.Equal("materials[0].acquisitionUsdPerTonne must be ≤ 1e12 (got 1E+30)", violation.Message);
    }

    [Fact]
    public void The_largest_finite_number_is_refused_in_every_field_that_is_not_an_integer()
    {
        // Every double of the instance, whatever its kind, is bounded: double.MaxValue is one
        // violation at its own field (fractions and probabilities have their own rules; a rate
        // or availability off 0 or 1 may be reported elsewhere too, e.g. "tiers" lacking a 0 rate).
        var root = ToJson(Valid());
        var fields = Nodes(root)
            .Where(n => n.Node is JsonValue v && v.TryGetValue<double>(out _) && !IntegerFields.Contains(FieldName(n.Path)))
            .Select(n => n.Path)
            .ToList();
        Assert.True(fields.Count > 30, $"only {fields.Count} numeric fields found");

        var unbounded = fields
            .Where(path => InstanceValidator.Validate(Valid().With(path, Json(double.MaxValue))).Paths().Count(p => p == path) != 1)
            .ToList();

        Assert.Empty(unbounded);
    }

    [Fact]
    public void Several_numbers_above_their_bounds_are_each_reported()
    {
        var instance = Valid().With("countries[0].budgetUsd", "1e30").With("demands[1].tonnesPerPeriod[0]", "1e30")
            .With("scenarios[1].demandScale", "1e30");

        Assert.Equal(
            ["countries[0].budgetUsd", "demands[1].tonnesPerPeriod[0]", "scenarios[1].demandScale"],
            InstanceValidator.Validate(instance).Paths());
    }

    [Fact]
    public void The_default_instance_is_within_every_bound()
    {
        Assert.Empty(InstanceValidator.Validate(InstanceJson.Default()));
    }

    private static string Json(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// Events that overlap multiply a price: the product over a (material, period) stays within
/// [1e-6, 1e6] and the price it gives within 1e12 USD/t, though each event alone is within
/// its own bound. In the small instance's halt scenario events[0] (×3) covers Dy and NdPr
/// (light-ree) in periods 2–3, events[1] (×0.6) NdPr in period 4.
/// </summary>
public sealed class ValidationCompoundingTests
{
    private static StockpileInstance WithEvent(SupplyEvent extra)
    {
        var v1 = Valid();
        return v1 with { Scenarios = [v1.Scenarios[0], v1.Scenarios[1] with { Events = [.. v1.Scenarios[1].Events, extra] }] };
    }

    [Fact]
    public void Multipliers_compounding_above_the_bound_are_reported_at_the_last_event()
    {
        // Dy in period 3: 3 × 4e5 = 1.2e6 > 1e6, each within 1e6.
        var violation = Assert.Single(InstanceValidator.Validate(
            WithEvent(new() { Kind = "spike", Materials = ["Dy"], FromPeriod = 3, ToPeriod = 3, PriceMultiplier = 4e5 })));

        Assert.Equal("scenarios[1].events[2].priceMultiplier", violation.Path);
        Assert.Equal(
            "scenarios[1].events[2].priceMultiplier compounds with the other events covering \"Dy\" in period 3 (events[0], events[2]) to a price multiplier of 1200000, above 1e6: more than the solver can take",
            violation.Message);
    }

    [Fact]
    public void Multipliers_compounding_below_the_bound_are_reported()
    {
        // NdPr in period 4: 0.6 × 1e-6 = 6e-7 < 1e-6.
        var violation = Assert.Single(InstanceValidator.Validate(
            WithEvent(new() { Kind = "price-war", Groups = ["light-ree"], FromPeriod = 4, ToPeriod = 4, PriceMultiplier = 1e-6 })));

        Assert.Equal("scenarios[1].events[2].priceMultiplier", violation.Path);
        Assert.Contains("below 1E-06", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multipliers_compounding_to_exactly_the_bound_are_accepted()
    {
        // Dy in period 3: 4 × 2.5e5 = 1e6 exactly, and 250000 × 1e6 = 2.5e11 USD/t ≤ 1e12.
        var instance = WithEvent(new() { Kind = "spike", Materials = ["Dy"], FromPeriod = 3, ToPeriod = 3, PriceMultiplier = 2.5e5 })
            .With("scenarios[1].events[0].priceMultiplier", "4");

        Assert.Empty(InstanceValidator.Validate(instance));
    }

    [Fact]
    public void A_price_its_events_raise_above_the_price_bound_is_reported()
    {
        // 1e12 USD/t is a valid price, but ×3 in the halt makes it 3e12.
        var violation = Assert.Single(InstanceValidator.Validate(Valid().With("materials[0].priceUsdPerTonne", "1e12")));

        Assert.Equal("scenarios[1].events[0].priceMultiplier", violation.Path);
        Assert.Contains("takes its price of 1000000000000 USD/t to 3000000000000 USD/t, above 1e12", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_at_its_bound_is_accepted_where_no_event_raises_it_and_is_refused_above()
    {
        var instance = Valid().With("scenarios[1].events[0].priceMultiplier", "1");

        Assert.Empty(InstanceValidator.Validate(instance.With("materials[0].priceUsdPerTonne", "1e12")));
        // Above its own bound the price is reported once, at its field; the compounded check is skipped.
        Assert.Equal(["materials[0].priceUsdPerTonne"],
            InstanceValidator.Validate(instance.With("materials[0].priceUsdPerTonne", "1.0000000000000002e12")).Paths());
    }

    [Fact]
    public void Events_in_different_scenarios_do_not_compound()
    {
        // ×4e5 on Dy in period 3 of the calm scenario: alone there, within 1e6.
        var v1 = Valid();
        var instance = v1 with
        {
            Scenarios = [v1.Scenarios[0] with { Events = [new() { Kind = "spike", Materials = ["Dy"], FromPeriod = 3, ToPeriod = 3, PriceMultiplier = 4e5 }] }, v1.Scenarios[1]],
        };

        Assert.Empty(InstanceValidator.Validate(instance));
    }
}

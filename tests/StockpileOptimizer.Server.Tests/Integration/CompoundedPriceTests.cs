using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Each price multiplier is at most 1e6, and so is the product of those covering one material
/// in one period, and the price it makes at most 1e12 USD/t (docs/reliability.md, finding 10).
/// Before, four 1e6 events validated and the solve ended TERMINATION_ERROR, its job FAILED.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CompoundedPriceTests
{
    /// <summary>Four events of 1e6 on material "m" in period 1: the product is 1e24. Refused by Solve and StartSolve, no job made.</summary>
    [Fact]
    public async Task Four_events_of_1e6_on_one_material_and_period_are_refused_at_the_last_of_them()
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(Halted(10, 1e6, 1e6, 1e6, 1e6));

        var calls = new Func<Task>[]
        {
            () => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance }).ResponseAsync,
            () => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance }).ResponseAsync,
            () => host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var violation = Assert.Single(ErrorTrailer.SmallViolations(await Assert.ThrowsAsync<RpcException>(call)));
            Assert.Equal("scenarios[1].events[3].priceMultiplier", violation.Field);
            Assert.Equal(
                "scenarios[1].events[3].priceMultiplier compounds with the other events covering \"m\" in period 1 (events[0], events[1], events[2], events[3]) "
                + "to a price multiplier of 1E+24, above 1e6: more than the solver can take",
                violation.Description);
        }
        Assert.Empty((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
    }

    /// <summary>
    /// 1e3 × 1e3 = 1e6 is within the factor bound, but on a price of 1e7 USD/t it makes
    /// 1e13 USD/t, past the 1e12 bound of a price; on 10 USD/t it is 1e7 USD/t and accepted.
    /// </summary>
    [Fact]
    public async Task A_compounded_price_past_1e12_USD_per_tonne_is_refused_and_one_below_is_accepted()
    {
        await using var host = new StockpileHost();

        var accepted = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = DomainMapping.ToProto(Halted(10, 1e3, 1e3)) });
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.ValidateScenarioAsync(
            new V1.ValidateScenarioRequest { Instance = DomainMapping.ToProto(Halted(1e7, 1e3, 1e3)) }).ResponseAsync);

        Assert.Equal(2, accepted.Scenarios);
        var violation = Assert.Single(ErrorTrailer.SmallViolations(error));
        Assert.Equal("scenarios[1].events[1].priceMultiplier", violation.Field);
        Assert.Contains("which takes its price of 10000000 USD/t to 10000000000000 USD/t, above 1e12", violation.Description, StringComparison.Ordinal);
    }

    /// <summary>The tiny instance at <paramref name="price"/> USD/t whose "halt" scenario has one price-only event per multiplier, each on "m" in period 1.</summary>
    private static StockpileInstance Halted(double price, params double[] multipliers)
    {
        var tiny = TestInstances.Tiny();
        return tiny with
        {
            Materials = [tiny.Materials[0] with { PriceUsdPerTonne = price }],
            Scenarios =
            [
                tiny.Scenarios[0],
                tiny.Scenarios[1] with
                {
                    Events = [.. multipliers.Select(x => new SupplyEvent { Materials = ["m"], FromPeriod = 1, ToPeriod = 1, PriceMultiplier = x })],
                },
            ],
        };
    }
}

namespace StockpileOptimizer.Domain.Tests;

internal static partial class TestInstances
{
    /// <summary>
    /// <see cref="Valid"/> as a format-version-2 instance with every v2 field set: a concentrate
    /// ("ore", mined in the US) that Mountain Pass draws 2 t of per tonne of NdPr, holdings in
    /// both countries, trade both ways with tariffs, tariff events in the halt scenario, every
    /// v2 policy option, and coverage floors by days (all demand) and by months (defence).
    /// </summary>
    public static StockpileInstance ValidV2()
    {
        var v1 = Valid();
        return v1 with
        {
            FormatVersion = 2,
            Materials = [.. v1.Materials, new() { Id = "ore", Group = "other", PriceUsdPerTonne = 5_000, AcquisitionUsdPerTonne = 5_500, HoldingUsdPerTonnePeriod = 50 }],
            Producers =
            [
                v1.Producers[0] with { CommitmentFeeUsdPerTonnePeriod = 500, Inputs = [new() { Material = "ore", TonnesPerTonne = 2 }] },
                new() { Id = "ore-mine", Country = "US", Material = "ore", CapacityTonnesPerPeriod = 1_000, RampTonnesPerPeriod = 100, UnitCostUsdPerTonne = 3_000 },
            ],
            Holdings =
            [
                new() { Country = "US", Material = "NdPr", GovernmentTonnes = 500, PrivateTonnes = 100 },
                new() { Country = "CA", Material = "Dy", GovernmentTonnes = 10 },
            ],
            Trade =
            [
                new() { From = "US", To = "CA", Material = "NdPr", TonnesPerPeriod = 30, Tariff = 0.1 },
                new() { From = "US", To = "CA", Material = "Dy", TonnesPerPeriod = 2, Tariff = 0.1 },
                new() { From = "CA", To = "US", Material = "NdPr", TonnesPerPeriod = 50, Tariff = 0.25 },
            ],
            Sharing = [v1.Sharing[0] with { TariffExempt = false }],
            Scenarios =
            [
                v1.Scenarios[0],
                v1.Scenarios[1] with
                {
                    TariffEvents =
                    [
                        new() { From = "US", To = "CA", Materials = ["NdPr"], FromPeriod = 2, ToPeriod = 4, Tariff = 0.35 },
                        new() { From = "US", To = "CA", Groups = ["heavy-ree"], FromPeriod = 3, ToPeriod = 4, Tariff = 0 },
                    ],
                },
            ],
            Policy = v1.Policy with
            {
                ReleaseRule = ReleaseRule.Market,
                ReleasePriceFraction = 0.8,
                TerminalValueFraction = 0.9,
                CostView = CostView.Economy,
                BolrContract = BolrContract.TopUp,
                TieBreaking = true,
                CoverageFloors =
                [
                    new() { Country = "US", Material = "NdPr", Days = 60, Basis = CoverageBasis.All },
                    new() { Country = "CA", Material = "Dy", Months = 2 },
                ],
            },
        };
    }
}

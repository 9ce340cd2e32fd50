using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Tests.KnownAnswers;

public sealed class CommitmentFeeTests
{
    [Fact]
    public void A_standing_fee_makes_the_commitment_exactly_what_the_price_war_needs()
    {
        // PriceWarThenHalt with up to 50 t committable and a fee of 0.5 per committed tonne per
        // period (H = 2 → 1 per tonne over the horizon): keeping k t alive through the war costs
        // 4k (buy at 9, resell at 5) + 1·k in fees and saves 100k in the halt, up to k = 40
        // (the base capacity 50 caps K2 = K1 + 10). Any q above 40 only adds fees, so q = 40:
        // objective 5160 + 40 = 5200.
        var instance = FamilyInstances.PriceWarThenHalt(maxCommitment: 50);
        instance = instance with
        {
            Producers = instance.Producers.Select(p => p with { CommitmentFeeUsdPerTonnePeriod = 0.5 }).ToArray(),
        };

        var result = Checked.Solve(instance);

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.Equal(40, result.Policy!.Commitments.Single().TonnesPerPeriod, 6);
        Assert.Equal(5200, result.Solver.Objective, 6);
    }
}

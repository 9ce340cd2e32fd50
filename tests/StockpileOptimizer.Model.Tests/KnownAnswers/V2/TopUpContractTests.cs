using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Take-or-pay floor contracts (bolrContract = top-up).</summary>
public sealed class TopUpContractTests
{
    /// <summary>
    /// H = 2, demand 100 t a period (damage <paramref name="damage"/>), imports "x" 100 t, stock
    /// too dear to use (acquisition 1000). Producer "p": capacity 50, ramp 10, unit cost 8, floor
    /// 12, commitment up to 30 t, fee 1 per committed tonne and period. "calm" (π = 0.5): price
    /// 10 throughout. "war-halt" (π = 0.5): period 1 a price war at 10 × 0.7 = 7 &lt; 8, period 2
    /// imports halted (availability 0) at 10 × 1.1 = 11 (no war). The market is under the
    /// floor in every period of both scenarios.
    /// </summary>
    internal static StockpileInstance WarThenHalt(double damage) => Base("top-up", 2) with
    {
        Materials = [Material(acquisition: 1000)],
        Demands = [Demand("A", "m", "k", damage, 100, 100)],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [Import("A", "m", "x", 100)],
        Producers =
        [
            new Producer
            {
                Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 50, RampTonnesPerPeriod = 10,
                UnitCostUsdPerTonne = 8, FloorPriceUsdPerTonne = 12, MaxCommitmentTonnesPerPeriod = 30,
                CommitmentFeeUsdPerTonnePeriod = 1,
            },
        ],
        Scenarios =
        [
            Scenario("calm", 0.5),
            Scenario("war-halt", 0.5, Price("m", 1, 1, 0.7, "price-war"), Halt("x", "m", 2, 2, 0, 1.1)),
        ],
    };

    [Theory]
    // A committed tonne q costs, delivered or not, top-up (12 − P) in every period plus the fee:
    //   calm: (12 − 10)·2 + 1·2 = 6;  war-halt: (12 − 7) + (12 − 11) + 1·2 = 8  → E = 7.
    // In the war (period 1) capacity survives only up to q (K1 ≤ q); period 2 then has
    // K2 ≤ K1 + 10 and the halt leaves shortage 100 − K2: each committed tonne (up to 40, where
    // capacity 50 caps K2; the maximum 30 comes first) saves 0.5·damage. Commit 30 iff 0.5·damage > 7.
    //   damage 20: 10 > 7 → q = 30, K = [30, 40], shortage 60.
    //     calm 30·6 = 180;  war-halt 30·8 + 60·20 = 1440  → E = 0.5·180 + 0.5·1440 = 810 (q = 0: 900).
    [InlineData(20, 30, 810)]
    //   damage 12: 6 < 7 → q = 0, K = [0, 10], shortage 90 → E = 0.5·90·12 = 540 (q = 30: 0.5·180 + 0.5·(240 + 720) = 570).
    [InlineData(12, 0, 540)]
    public void A_commitment_keeps_capacity_alive_in_a_price_war_and_pays_the_top_up_in_every_period(
        double damage, double committed, double objective)
    {
        var result = SolveOptimal(WarThenHalt(damage));

        Assert.Equal(committed, result.Policy!.Commitments.Single(c => c.Producer == "p").TonnesPerPeriod, Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        AssertSeries([committed, committed + 10], result.Producer("war-halt", "p").Capacity);
        AssertSeries([0, 90 - committed], result.Shortage("war-halt"));
        // The contract's cost in the calm: (floor − P)·q·H + H·fee·q = 2·q·2 + 2·1·q.
        Assert.Equal(2 * committed * 2 + 2 * 1 * committed, result.Fiscal("calm"), Tol);
        Assert.Equal((5 + 1) * committed + 2 * 1 * committed, result.Fiscal("war-halt"), Tol);
        Assert.Equal(0, result.Stockpile(), Tol);
        // Release limit in war-halt (need 100): imports 100 in period 1 → 0; in period 2 imports 0
        // and p's capacity the ramp has rebuilt since the war, min(50, 10·(2 − 1)) = 10 → 90
        // (whatever q keeps: guaranteed supply counts no commitment).
        AssertSeries([0, 90], result.MaterialPath("war-halt").ReleaseLimit);
    }

    [Fact]
    public void A_fixed_commitment_costs_floor_minus_price_times_tonnes_times_periods_plus_the_fee()
    {
        // One calm scenario (π = 1), H = 3, price 10 < floor 12 in every period, no war (10 ≥ 8),
        // imports cover demand. Fix q = 25: the government pays (12 − 10)·25·3 = 150 in top-ups
        // and 3·1·25 = 75 in fees, delivered or not — 225 — and buys nothing (bR = bS = 0).
        var instance = WarThenHalt(damage: 20) with
        {
            Horizon = new Horizon { Periods = 3, MonthsPerPeriod = 3 },
            Demands = [Demand("A", "m", "k", 20, 100, 100, 100)],
            Scenarios = [Scenario("calm", 1)],
        };
        var fixedPolicy = new Domain.Policy { Commitments = [new BolrCommitment("A", "p", 25)] };

        var result = SolveOptimal(instance, new SolveOptions { FixedPolicy = fixedPolicy });

        Assert.Equal(225, result.Solver.Objective, Tol);
        Assert.Equal(225, result.Fiscal("calm"), Tol);
        var producer = result.Producer("calm", "p");
        AssertSeries([0, 0, 0], producer.BolrResold);
        AssertSeries([0, 0, 0], producer.BolrStocked);
        AssertSeries([0, 0, 0], result.Shortage("calm"));
    }
}

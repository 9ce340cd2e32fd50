using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Tests.Analyses.Evaluation;

public sealed class InformationValueTests
{
    private static readonly EvaluationOptions Exact = new()
    {
        MaxParallelism = 2,
        Solve = AnalysisTesting.ExactSolve,
    };

    // Newsvendor: demand 100, one quarter, a tonne costs 12 (acquisition 10 + holding 2), the
    // halt (π = 0.5) leaves 40 % of imports (60 t short), calm leaves all.
    //   RP: stock the 60 t when 0.5·damage > 12 (cost 720), else nothing (0.5·60·damage).
    //   EV: expected availability 0.5·1 + 0.5·0.4 = 0.7, a sure 30 t shortfall: stock 30 t
    //       whenever damage > 12, at 12·30 = 360.
    //   EEV: 30 t on the real futures: calm 360, halt 360 + 30·damage.
    //   WS: calm alone needs nothing (0); the halt alone stocks 60 t (720) when damage > 12.
    //               RP     EV    EEV                        VSS   WS    EVPI
    //   damage 30   720    360   ½·360 + ½·1260 = 810        90    360   360
    //   damage 20   600    360   ½·360 + ½·960  = 660        60    360   240
    [Theory]
    [InlineData(30, 720, 360, 810, 90, 360, 360)]
    [InlineData(20, 600, 360, 660, 60, 360, 240)]
    public void Newsvendor_vss_and_evpi_match_the_hand_values(double damage, double rp, double ev, double eev, double vss, double ws, double evpi)
    {
        var instance = HandInstances.Newsvendor(damage);
        var stochastic = EvaluationAnalysis.ValueOfStochasticSolution(instance, Exact);
        var information = EvaluationAnalysis.ExpectedValueOfPerfectInformation(instance, Exact);

        Assert.Equal(rp, stochastic.StochasticOptimumUsd!.Value, 6);
        Assert.Equal(ev, stochastic.ExpectedValueOptimumUsd!.Value, 6);
        Assert.Equal(30, stochastic.ExpectedValuePolicy!.Stockpiles.Single().Tonnes, 6);
        Assert.Equal(eev, stochastic.ExpectedResultOfEvSolutionUsd!.Value, 6);
        Assert.Equal(vss, stochastic.VssUsd!.Value, 6);
        Assert.Equal(0.7, stochastic.ExpectedValueScenario.Events.Single().Availability, 12);
        Assert.Equal(rp, information.StochasticOptimumUsd!.Value, 6);
        Assert.Equal(ws, information.WaitAndSeeUsd!.Value, 6);
        Assert.Equal(evpi, information.EvpiUsd!.Value, 6);
        Assert.Equal([0, 720], information.Scenarios.Select(s => Math.Round(s.CostUsd!.Value, 6)));
        AnalysisTesting.AssertJsonFriendly(stochastic);
        AnalysisTesting.AssertJsonFriendly(information);
    }

    [Fact]
    public void With_risk_aversion_both_are_measured_on_the_risk_weighted_objective()
    {
        // Damage 20, λ = 0.5, α = 0.9 (the tail is the halt): ρ(x) = E + ½·CVaR.
        //   RP: E = 600 + 2x, CVaR = 1200 − 8x, ρ = 1200 − 2x → x = 60, ρ = 720 + ½·720 = 1080.
        //   EEV: x = 30 costs (360, 960): 660 + ½·960 = 1140 → VSS = 60.
        //   WS: z = (0, 720): 360 + ½·720 = 720 → EVPI = 1080 − 720 = 360.
        var instance = HandInstances.Newsvendor(damage: 20).WithPolicy(p => p with { RiskWeight = 0.5 });
        var stochastic = EvaluationAnalysis.ValueOfStochasticSolution(instance, Exact);
        var information = EvaluationAnalysis.ExpectedValueOfPerfectInformation(instance, Exact);

        Assert.Equal(1080, stochastic.StochasticOptimumUsd!.Value, 6);
        Assert.Equal(1140, stochastic.ExpectedResultOfEvSolutionUsd!.Value, 6);
        Assert.Equal(60, stochastic.VssUsd!.Value, 6);
        Assert.Equal(720, information.WaitAndSeeUsd!.Value, 6);
        Assert.Equal(360, information.EvpiUsd!.Value, 6);
    }

    // VSS ≥ 0: the EV policy is one feasible first stage of the stochastic problem (or it is
    // infeasible there, EEV = +∞). EVPI ≥ 0: knowing the scenario can only widen the choice,
    // and ρ = E + λ·CVaR is monotone in each scenario's cost.
    [Property(MaxTest = 4, Replay = "(20261204,11400714819323198485)")]
    public Property Vss_and_evpi_are_never_negative(PositiveInt seed, bool riskAverse, bool independent)
    {
        var instance = Generated.Small(seed.Get, riskWeight: riskAverse ? 0.5 : 0)
            .WithPolicy(p => p with { Mode = independent ? CooperationMode.Independent : CooperationMode.Joint });
        var stochastic = EvaluationAnalysis.ValueOfStochasticSolution(instance, Exact);
        var information = EvaluationAnalysis.ExpectedValueOfPerfectInformation(instance, Exact);
        var tolerance = 1e-7 * Math.Max(1, stochastic.StochasticOptimumUsd!.Value);
        var vssOk = stochastic.ExpectedValuePolicyInfeasible ? stochastic.VssUsd is null : stochastic.VssUsd >= -tolerance;
        return (vssOk && information.EvpiUsd >= -tolerance)
            .Label($"VSS {stochastic.VssUsd} (EV infeasible: {stochastic.ExpectedValuePolicyInfeasible}), EVPI {information.EvpiUsd}");
    }

    [Fact]
    public void Progress_counts_the_three_vss_solves()
    {
        var progress = new RecordingProgress();
        EvaluationAnalysis.ValueOfStochasticSolution(HandInstances.Newsvendor(damage: 30), Exact, progress: progress);

        progress.AssertCountsUpTo(3);
        Assert.Equal("EV policy on the scenarios (EEV)", progress.Reports[^1].Item);
    }
}

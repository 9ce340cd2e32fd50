using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Model.Tests.Analyses.Evaluation;

namespace StockpileOptimizer.Model.Tests.Application;

public sealed class EvaluationWorkflowTests
{
    private static readonly SolveOptions Each = StockpileApplication.EachSolve(new SolveOptions());

    [Fact]
    public void Scenarios_given_with_the_spec_are_validated_with_their_paths()
    {
        // The instance is validated once, up front; the futures a caller gives are not part of it.
        var instance = ValidatedInstance.Require(HandInstances.Newsvendor(damage: 30));
        Scenario bad = new()
        {
            Id = "bad", Probability = 0.5,
            Events = [new SupplyEvent { Source = "nowhere", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0 }],
        };
        var spec = new EvaluationAnalysisSpec { Policy = EvaluationAnalysisTests.Stockpile(30), Scenarios = [instance.Instance.Scenarios[0], bad] };

        var error = Assert.Throws<InvalidInstanceException>(() => StockpileApplication.Run(instance, spec, Each, 1, null, CancellationToken.None));

        Assert.Equal(["samples[1].events[0].source"], error.Violations.Select(v => v.Path));
    }
}

using System.Text.Json;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Mapping;

/// <summary>SAA specs and results through the proto and back: every field kept, amounts that are not finite unset on the wire.</summary>
public sealed class SaaMappingTests
{
    private static SaaResult Full() => new()
    {
        Policy = new Policy
        {
            Stockpiles = [new StockpileTarget("A", "m", 60, 1.8)],
            Tiers = [new TierChoice("A", "m", "0", 0, 0)],
        },
        Method = "benders",
        MethodReason = "automatic: the extensive form of 500 samples would have 1,200,000 variables (more than 60,000)",
        Samples = 500,
        Seed = 7,
        Termination = Termination.Feasible,
        ObjectiveUsd = 1020.5,
        BoundUsd = 1019.25,
        Gap = 0.00122,
        Iterations =
        [
            new DecompositionIteration(1, "lp", 900, double.PositiveInfinity, double.NaN, 64, 0.25),
            new DecompositionIteration(2, "mip", 1019.25, 1020.5, 0.00122, 64, 0.5),
        ],
        CutGroups = 64,
        WallSeconds = 1.5,
        Statistical = new StatisticalGap
        {
            Replications = 5, SamplesPerReplication = 500, EvaluationSamples = 2000, ConfidenceLevel = 0.95,
            LowerBoundUsd = 1010, LowerBoundCiUsd = 1001, UpperBoundUsd = 1025, UpperBoundCiUsd = 1031,
            GapUsd = 15, GapCiUsd = 30, PairedGapUsd = 12, PairedGapCiUsd = 20,
            ReplicationObjectivesUsd = [1005, 1008, 1010, 1012, 1015],
            Stockpiles = [new StockpileSpread("A", "m", 58, 2.5, 55, 62)],
            Choices = [new ChoiceShare("tier", "A", "m", "0", 1), new ChoiceShare("build", "", "", "mine", 0.4)],
            InfeasibleEvaluationSamples = 3,
            InfeasiblePairedSamples = 1,
            Message = "seeds 8–12; 3 evaluation samples without recourse left out",
        },
        Message = "200 iterations did not close the gap",
    };

    [Fact]
    public void A_result_round_trips_through_the_proto_with_every_field()
    {
        var result = Full();

        var proto = DomainMapping.ToProto(result);
        var back = DomainMapping.ToDomain(proto);

        var options = InstanceJson.Options;
        // +∞ (no upper bound yet) is not a number on the wire: it comes back as NaN, as a NaN gap does.
        var expected = result with { Iterations = [result.Iterations[0] with { UpperBoundUsd = double.NaN }, result.Iterations[1]] };
        Assert.Equal(JsonSerializer.Serialize(expected, options), JsonSerializer.Serialize(back, options));
        Assert.Equal(proto, DomainMapping.ToProto(back));
        Assert.Null(proto.Iterations[0].UpperBoundUsd);
        Assert.Null(proto.Iterations[0].Gap);
        Assert.Equal(V1.Termination.Feasible, proto.Termination);
        Assert.Equal(30, proto.Statistical.GapCiUsd);
    }

    [Fact]
    public void A_result_without_a_plan_has_no_amounts_on_the_wire()
    {
        var proto = DomainMapping.ToProto(new SaaResult
        {
            Method = "extensive", Termination = Termination.TimeLimit, ObjectiveUsd = double.NaN, BoundUsd = double.NegativeInfinity, Gap = double.NaN,
        });

        Assert.Null(proto.Policy);
        Assert.Null(proto.ObjectiveUsd);
        Assert.Null(proto.BoundUsd);
        Assert.Null(proto.Gap);
        Assert.Null(proto.Statistical);
    }

    [Fact]
    public void A_spec_round_trips_and_an_empty_one_takes_the_defaults()
    {
        var spec = new SaaAnalysisSpec
        {
            Samples = 300, Seed = 4, Distribution = HandInstances.NewsvendorDistribution(), Method = SaaMethod.Benders, Gap = 0, MaxIterations = 50,
            CutGroups = 1, Replications = 10, EvaluationSamples = 5000, ConfidenceLevel = 0.9, MaxParallelism = 2,
        };
        var problems = new List<Violation>();

        var back = DomainMapping.ToDomain(DomainMapping.ToProto(spec), problems);
        var empty = DomainMapping.ToDomain(new V1.SaaSpec(), problems);
        var none = DomainMapping.ToDomain((V1.SaaSpec?)null, problems);

        Assert.Empty(problems);
        Assert.Equal(JsonSerializer.Serialize(spec, InstanceJson.Options), JsonSerializer.Serialize(back, InstanceJson.Options));
        Assert.Equal(JsonSerializer.Serialize(new SaaAnalysisSpec(), InstanceJson.Options), JsonSerializer.Serialize(empty, InstanceJson.Options));
        Assert.Equal(JsonSerializer.Serialize(new SaaAnalysisSpec(), InstanceJson.Options), JsonSerializer.Serialize(none, InstanceJson.Options));
        Assert.Equal(SaaMethod.Auto, empty.Method);
        Assert.Equal((100, 1e-3, 200, null), (empty.Samples, empty.Gap, empty.MaxIterations, empty.CutGroups));
    }

    [Fact]
    public void An_unknown_method_is_reported_at_spec_method()
    {
        var problems = new List<Violation>();

        DomainMapping.ToDomain(new V1.SaaSpec { Method = (V1.SaaMethod)9 }, problems);

        var problem = Assert.Single(problems);
        Assert.Equal("spec.method", problem.Path);
        Assert.StartsWith("spec.method has a value this server does not know (9)", problem.Message, StringComparison.Ordinal);
    }
}

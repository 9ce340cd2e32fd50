using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Server.Tests.Integration;
using HostJobs = StockpileOptimizer.Server.Tests.Integration.Jobs;
using static StockpileOptimizer.Server.Tests.Analyses.AnalysisInstances;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>
/// StartSaa over the real gRPC host: a newsvendor on four given futures whose SAA optimum is
/// known by hand, solved by Benders and by the extensive form, the decomposition's bounds on its
/// progress events, and bad specs refused with their field paths.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SaaServiceTests
{
    /// <summary>
    /// The newsvendor (demand 100, a stocked tonne costs 10 + 2 = 12, a short one 30) on four
    /// futures of probability ¼ that lack 0, 20, 60 and 100 t. A tonne above s saves
    /// 30·P(lack > s): 30·¾ for s &lt; 20, 30·½ = 15 &gt; 12 for s &lt; 60, 30·¼ = 7.5 &lt; 12
    /// beyond, so s* = 60 and the objective is 60·12 + ¼·40·30 = 720 + 300 = 1020.
    /// </summary>
    public const double Stock = 60;
    public const double Objective = 1020;

    public static V1.SaaSpec Futures(V1.SaaMethod method)
    {
        var spec = new V1.SaaSpec { Method = method, Gap = 1e-6 };
        spec.Scenarios.Add(new[] { 1.0, 0.8, 0.4, 0.0 }.Select((availability, i) => DomainMapping.ToProto(new Scenario
        {
            Id = $"lack-{(int)Math.Round(100 * (1 - availability))}",
            Probability = 0.25,
            Events = availability < 1 ? [HandInstances.Halt("x", availability: availability)] : [],
        })));
        return spec;
    }

    [Fact]
    public async Task Benders_and_the_extensive_form_reach_the_hand_derived_optimum_and_the_iterations_carry_their_bounds()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var instance = Proto(Newsvendor());

        var benders = await analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = instance, Spec = Futures(V1.SaaMethod.Benders) });
        var extensive = await analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = instance, Spec = Futures(V1.SaaMethod.Extensive) });
        Assert.Equal(("saa", V1.JobState.Queued), (benders.Kind, benders.State));
        var bendersEvents = await HostJobs.WatchToEnd(host.Client, benders.Name);
        var extensiveEvents = await HostJobs.WatchToEnd(host.Client, extensive.Name);

        var byBenders = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = benders.Name })).Saa;
        var byExtensive = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = extensive.Name })).Saa;
        foreach (var (result, method) in new[] { (byBenders, "benders"), (byExtensive, "extensive") })
        {
            Assert.Equal((method, "requested", 4, V1.Termination.Optimal), (result.Method, result.MethodReason, result.Samples, result.Termination));
            Assert.Equal(Objective, result.ObjectiveUsd!.Value, 6);
            Assert.Equal(Stock, result.Policy.Stockpiles.Single().Tonnes, 6);
            Assert.InRange(result.Gap!.Value, 0, 1e-6);
            Assert.False(result.Cancelled);
        }
        Assert.Empty(byExtensive.Iterations);
        Assert.DoesNotContain(extensiveEvents, e => e.Kind == V1.JobEventKind.Log);

        // One progress event per iteration, "k of 200 done: iteration k (PHASE) — …", with the
        // iteration's bounds as the event's numbers: lower ≤ upper, and the last one closed.
        var progress = AnalysisJobs.AssertEvents(bendersEvents, V1.JobState.Succeeded, total: SaaAnalysisSpec.DefaultMaxIterations, complete: false);
        Assert.Equal(byBenders.Iterations.Count, progress.Count);
        var logs = bendersEvents.Where(e => e.Kind == V1.JobEventKind.Log).ToList();
        for (var k = 0; k < logs.Count; k++)
        {
            var iteration = byBenders.Iterations[k];
            Assert.StartsWith($"{k + 1} of 200 done: iteration {k + 1} ({iteration.Phase}) — lower ", logs[k].Message, StringComparison.Ordinal);
            Assert.Equal(iteration.LowerBoundUsd, logs[k].BestBoundUsd);
            Assert.Equal(iteration.UpperBoundUsd, logs[k].ObjectiveUsd);
            Assert.Equal(iteration.Gap, logs[k].Gap);
            if (logs[k].ObjectiveUsd is { } upper)
            {
                Assert.True(logs[k].BestBoundUsd!.Value <= upper + 1e-6, $"iteration {k + 1}: lower {logs[k].BestBoundUsd} above upper {upper}");
            }
        }
        Assert.Equal(Objective, logs[^1].ObjectiveUsd!.Value, 6);
        Assert.InRange(logs[^1].Gap!.Value, 0, 1e-6);

        // The extensive form is the engine's, exactly (wall time aside).
        var inProcess = (SaaAnalysisResult)StockpileApplication.Run(
            ValidatedInstance.Require(Newsvendor()), DomainMapping.ToDomain(Futures(V1.SaaMethod.Extensive), []), ServerSolve(), 1, null, default);
        var expected = DomainMapping.ToProto(inProcess.Result);
        expected.WallSeconds = byExtensive.WallSeconds;
        Assert.Equal(expected, byExtensive);
    }

    [Fact]
    public async Task A_bad_saa_spec_is_invalid_argument_naming_each_field_and_nothing_is_queued()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var newsvendor = Proto(Newsvendor());

        var bad = new V1.SaaSpec
        {
            Samples = AnalysisLimits.MaxScenarios + 1,
            Distribution = NewsvendorDistribution(),
            Method = (V1.SaaMethod)7,
            Gap = 1.5,
            MaxIterations = 0,
            CutGroups = 0,
            Replications = 1,
            ConfidenceLevel = 1,
            MaxParallelism = 0,
        };
        await AssertInvalid(analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = newsvendor, Spec = bad }).ResponseAsync,
            "spec.samples", "spec.method", "spec.gap", "spec.maxIterations", "spec.cutGroups", "spec.replications", "spec.confidenceLevel",
            "spec.maxParallelism");

        var noEvaluation = new V1.SaaSpec { Samples = 10, Distribution = NewsvendorDistribution(), Replications = AnalysisLimits.MaxReplications + 1 };
        await AssertInvalid(analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = newsvendor, Spec = noEvaluation }).ResponseAsync,
            "spec.replications", "spec.evaluationSamples");
        var stray = new V1.SaaSpec { Samples = 10, Distribution = NewsvendorDistribution(), EvaluationSamples = 100 };
        await AssertInvalid(analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = newsvendor, Spec = stray }).ResponseAsync,
            "spec.evaluationSamples");

        // The default distribution's supplier ("china") is not a source of the newsvendor; the
        // instance's own problems come with the spec's.
        var broken = Proto(Newsvendor());
        broken.Countries[0].BudgetUsd = -1;
        await AssertInvalid(analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = newsvendor }).ResponseAsync, "spec.distribution.supplier");
        await AssertInvalid(analyses.StartSaaAsync(new V1.StartSaaRequest { Instance = broken, Spec = new V1.SaaSpec { Samples = -1 } }).ResponseAsync,
            "countries[0].budgetUsd", "spec.samples");

        Assert.Empty((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
    }

    private static async Task<List<string>> AssertInvalid(Task call, params string[] fields)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var named = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(fields.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        return named;
    }
}

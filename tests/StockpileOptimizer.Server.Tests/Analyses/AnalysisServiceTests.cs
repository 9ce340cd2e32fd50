using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Tests.Integration;
using HostJobs = StockpileOptimizer.Server.Tests.Integration.Jobs;
using static StockpileOptimizer.Server.Tests.Analyses.AnalysisInstances;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>
/// The analyses over the real gRPC host (AnalysisService to start and read, StockpileService's
/// job methods to watch, cancel, list), on hand-built newsvendor instances whose answers are
/// known (docs/analyses.md): each job's result equals the engine's in-process result on the
/// same input, wall times aside.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AnalysisServiceTests
{
    /// <summary>Two mirror-image countries split the saving of cooperation equally: 180 saved, 90 each.</summary>
    [Fact]
    public async Task A_cooperation_job_splits_the_twins_saving_equally_as_the_engine_does()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);

        var job = await analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = Proto(Twins()) });
        Assert.Equal(("cooperation", V1.JobState.Queued), (job.Kind, job.State));
        var events = await HostJobs.WatchToEnd(host.Client, job.Name);

        var progress = AnalysisJobs.AssertEvents(events, V1.JobState.Succeeded, total: 3);
        Assert.Contains(progress, line => line.StartsWith("3 of 3 done: coalition ", StringComparison.Ordinal));
        var running = events.Single(e => e.State == V1.JobState.Running);
        Assert.StartsWith("running cooperation analysis: 3 solves, 1 solver thread at once; each solve SCIP, time limit 60 s", running.Message);

        var result = await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = job.Name });
        Assert.Equal((job.Name, "cooperation", V1.JobState.Succeeded), (result.Job, result.Kind, result.State));
        var cooperation = result.Cooperation;
        Assert.Equal(720, cooperation.JointCostUsd!.Value, 6);
        Assert.Equal(900, cooperation.IndependentCostUsd!.Value, 6);
        Assert.Equal(180, cooperation.SavingUsd!.Value, 6);
        Assert.All(cooperation.Shares, s => Assert.Equal(90, s.ShapleyUsd!.Value, 6));
        Assert.All(cooperation.Shares, s => Assert.Equal(360, s.CostAfterSplitUsd!.Value, 6));
        Assert.True(cooperation.Exact);

        var inProcess = CooperationAnalysis.Run(Twins(), new CooperationOptions { MaxParallelism = 1, Solve = ServerSolve() });
        Assert.Equal(AnalysisJobs.WithoutTimes(DomainMapping.ToProto(inProcess)), AnalysisJobs.WithoutTimes(cooperation));

        // StockpileService serves the job like any other; its SolveResult stays unset.
        var got = await host.Client.GetJobAsync(new V1.GetJobRequest { Name = job.Name });
        Assert.Equal((V1.JobState.Succeeded, "cooperation", events[^1].Sequence), (got.State, got.Kind, got.LastSequence));
        Assert.Null(got.Result);
        var listed = await host.Client.ListJobsAsync(new V1.ListJobsRequest { State = V1.JobState.Succeeded });
        Assert.Equal([job.Name], listed.Jobs.Select(j => j.Name));

        // Three countries, each hit alone (π = ¼): alone 450 each; any pair or all three pool 60 t
        // for 720. v(pair) = 180, v(all) = 630: by symmetry φ = 210 each, summing to the saving.
        var triplets = Twins() with
        {
            Countries = [.. Twins().Countries, Twins().Countries[0] with { Id = "C" }],
            Demands = [.. Twins().Demands, Twins().Demands[0] with { Country = "C" }],
            ImportSources = [.. Twins().ImportSources, new ImportSource { Id = "xC" }],
            Imports = [.. Twins().Imports, Twins().Imports[0] with { Country = "C", Source = "xC" }],
            Sharing = [.. Twins().Sharing, Twins().Sharing[0] with { CountryB = "C" }, Twins().Sharing[0] with { CountryA = "B", CountryB = "C" }],
            Scenarios =
            [
                new Scenario { Id = "calm", Probability = 0.25 },
                .. new[] { "A", "B", "C" }.Select(c => Twins().Scenarios[1] with
                {
                    Id = "halt" + c, Probability = 0.25, Events = [Twins().Scenarios[1].Events[0] with { Source = "x" + c }],
                }),
            ],
        };
        var three = await analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = Proto(triplets) });
        AnalysisJobs.AssertEvents(await HostJobs.WatchToEnd(host.Client, three.Name), V1.JobState.Succeeded, total: 7);
        var split = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = three.Name })).Cooperation;
        Assert.Equal(630, split.SavingUsd!.Value, 6);
        Assert.All(split.Shares, s => Assert.Equal(210, s.ShapleyUsd!.Value, 6));
        Assert.Equal(630, split.Shares.Sum(s => s.ShapleyUsd!.Value), 6);
    }

    /// <summary>Budget 480 × (0, ¼, ½, 1, 1½, 2), damage 30: stock 0, 10, 20, 40, 60, 60; E[shortage] 30, 25, 20, 10, 0, 0.</summary>
    [Fact]
    public async Task A_frontier_job_sweeps_the_budget_as_the_engine_does()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var instance = Newsvendor(damage: 30, budget: 480);
        double[] scales = [0, 0.25, 0.5, 1, 1.5, 2];
        var spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.BudgetScale };
        spec.Values.Add(scales);

        var job = await analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = Proto(instance), Spec = spec });
        Assert.Equal("frontier", job.Kind);
        var progress = AnalysisJobs.AssertEvents(await HostJobs.WatchToEnd(host.Client, job.Name), V1.JobState.Succeeded, total: 6);
        Assert.StartsWith("1 of 6 done: budget scale = 0 — optimal", progress[0], StringComparison.Ordinal);

        var frontier = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = job.Name })).Frontier;
        Assert.Equal(V1.FrontierParameter.BudgetScale, frontier.Parameter);
        Assert.Equal(scales, frontier.Points.Select(p => p.Value));
        Assert.Equal([30, 25, 20, 10, 0, 0], frontier.Points.Select(p => Math.Round(p.ExpectedShortageTonnes!.Value, 6)));
        Assert.Equal([0, 10, 20, 40, 60, 60], frontier.Points.Select(p => Math.Round(p.Policy.Stockpiles.Sum(s => s.Tonnes), 6)));
        Assert.All(frontier.Points.Skip(1), p => Assert.True(p.WarmStarted));
        Assert.False(frontier.Cancelled);

        var inProcess = FrontierAnalysis.Run(instance, new FrontierSpec
        {
            Parameter = FrontierParameter.BudgetScale, Values = scales, WarmStart = true, MaxParallelism = 1, Solve = ServerSolve(),
        });
        Assert.Equal(AnalysisJobs.WithoutTimes(DomainMapping.ToProto(inProcess)), AnalysisJobs.WithoutTimes(frontier));
    }

    /// <summary>
    /// Solve first, then 20 sampled futures, VSS and EVPI (damage 30: RP 720, EEV 810, VSS 90;
    /// WS 360, EVPI 360): 1 + 20 + 3 + 3 solves, all as the engine does them in process. A given
    /// policy on given scenarios needs no solve: 30 t on the instance's own futures is 15 t short on average.
    /// </summary>
    [Fact]
    public async Task An_evaluation_job_evaluates_the_optimal_plan_out_of_sample_with_vss_and_evpi_as_the_engine_does()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var instance = Newsvendor(damage: 30);
        var spec = new V1.EvaluationSpec { Samples = 20, Seed = 7, Distribution = NewsvendorDistribution(), Vss = true, Evpi = true };

        var job = await analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = Proto(instance), Spec = spec });
        var progress = AnalysisJobs.AssertEvents(await HostJobs.WatchToEnd(host.Client, job.Name), V1.JobState.Succeeded, total: 27);
        Assert.StartsWith("1 of 27 done: solve of the instance", progress[0], StringComparison.Ordinal);
        // The samples are evaluated in batches side by side on the server's farm, so they report
        // in the order the batches end: events 2 to 21 are the 20 samples, each once, in any order.
        var samplesReported = progress.Skip(1).Take(20).Select(e => System.Text.RegularExpressions.Regex.Match(e, @"^(\d+) of 27 done: sample (\d+) \(sample-(\d{4})\)")).ToArray();
        Assert.All(samplesReported, m => Assert.True(m.Success, "an event of the sample phase does not name a sample"));
        Assert.Equal(Enumerable.Range(2, 20), samplesReported.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(1, 20), samplesReported.Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Order());
        Assert.All(samplesReported, m => Assert.Equal(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));

        var evaluation = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = job.Name })).Evaluation;
        Assert.Equal(60, evaluation.Policy.Stockpiles.Single().Tonnes, 6);
        Assert.StartsWith("solve of newsvendor (optimal", evaluation.PolicySource, StringComparison.Ordinal);
        Assert.Equal("20 scenarios sampled with seed 7 from the given distribution", evaluation.SamplesSource);
        Assert.Equal((720, 810, 90), (Math.Round(evaluation.Vss.StochasticOptimumUsd!.Value, 6),
            Math.Round(evaluation.Vss.ExpectedResultOfEvSolutionUsd!.Value, 6), Math.Round(evaluation.Vss.VssUsd!.Value, 6)));
        Assert.Equal((360, 360), (Math.Round(evaluation.Evpi.WaitAndSeeUsd!.Value, 6), Math.Round(evaluation.Evpi.EvpiUsd!.Value, 6)));
        Assert.Equal(20, evaluation.OutOfSample.Samples);
        Assert.False(evaluation.Cancelled);

        var options = new EvaluationOptions { MaxParallelism = 1, Solve = ServerSolve() };
        var policy = StockpileSolver.Solve(instance, ServerSolve()).Policy!;
        var samples = ScenarioGenerator.Sample(instance, NewsvendorDistributionDomain(), 20, 7);
        Assert.Equal(DomainMapping.ToProto(policy), evaluation.Policy);
        Assert.Equal(DomainMapping.ToProto(EvaluationAnalysis.Run(instance, policy, samples, options)), evaluation.OutOfSample);
        Assert.Equal(DomainMapping.ToProto(EvaluationAnalysis.ValueOfStochasticSolution(instance, options)), evaluation.Vss);
        Assert.Equal(DomainMapping.ToProto(EvaluationAnalysis.ExpectedValueOfPerfectInformation(instance, options)), evaluation.Evpi);

        var given = new V1.EvaluationSpec { Policy = new V1.Policy { Stockpiles = { new V1.StockpileTarget { Country = "A", Material = "m", Tonnes = 30 } } } };
        given.Scenarios.Add(Proto(instance).Scenarios);
        var fixedJob = await analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = Proto(instance), Spec = given });
        AnalysisJobs.AssertEvents(await HostJobs.WatchToEnd(host.Client, fixedJob.Name), V1.JobState.Succeeded, total: 2);
        var onOwn = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = fixedJob.Name })).Evaluation;
        Assert.Equal(("given", "2 scenarios given with the request"), (onOwn.PolicySource, onOwn.SamplesSource));
        Assert.Equal(15, onOwn.OutOfSample.Shortage.Mean, 6);
        Assert.Equal(810, onOwn.OutOfSample.Cost.Mean, 6);
        Assert.Null(onOwn.Vss);
    }

    /// <summary>A sweep of 1000 points cancelled after its first: CANCELLED, with the points solved so far.</summary>
    [Fact]
    public async Task A_running_frontier_cancelled_ends_cancelled_with_its_partial_result()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var job = await analyses.StartFrontierAsync(new V1.StartFrontierRequest
        {
            Instance = Proto(Newsvendor(damage: 30, budget: 480)),
            Spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.BudgetScale, Range = new V1.FrontierRange { Start = 0, Stop = 2, Steps = 1000 } },
        });
        await AnalysisJobs.WatchUntilProgress(host.Client, job.Name);

        var cancelled = await host.Client.CancelJobAsync(new V1.CancelJobRequest { Name = job.Name });
        var events = await HostJobs.WatchToEnd(host.Client, job.Name);

        Assert.Equal(V1.JobState.Cancelled, cancelled.State);
        var progress = AnalysisJobs.AssertEvents(events, V1.JobState.Cancelled, total: 1000, complete: false);
        Assert.InRange(progress.Count, 1, 999);
        var result = await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = job.Name });
        Assert.Equal(V1.JobState.Cancelled, result.State);
        var frontier = result.Frontier;
        Assert.True(frontier.Cancelled);
        Assert.Equal(1000, frontier.Points.Count);
        var solved = frontier.Points.Where(p => p.ObjectiveUsd is not null).ToList();
        Assert.InRange(solved.Count, 1, 999);
        Assert.Equal(frontier.Points.Take(solved.Count), solved);
        Assert.All(frontier.Points.Skip(solved.Count), p => Assert.Equal(V1.Termination.Cancelled, p.Termination));
        Assert.StartsWith("cancelled; ", frontier.Message, StringComparison.Ordinal);
        Assert.Equal(frontier.Message, events[^1].Message);
    }

    /// <summary>An evaluation on 10,000 samples cancelled early: CANCELLED, with the samples evaluated so far.</summary>
    [Fact]
    public async Task A_running_evaluation_cancelled_ends_cancelled_with_its_partial_result()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var job = await analyses.StartEvaluationAsync(new V1.StartEvaluationRequest
        {
            Instance = Proto(Newsvendor()),
            Spec = new V1.EvaluationSpec { Samples = 10_000, Seed = 1, Distribution = NewsvendorDistribution(), Evpi = true },
        });
        await AnalysisJobs.WatchUntilProgress(host.Client, job.Name, done: 3);

        await host.Client.CancelJobAsync(new V1.CancelJobRequest { Name = job.Name });
        var events = await HostJobs.WatchToEnd(host.Client, job.Name);

        AnalysisJobs.AssertEvents(events, V1.JobState.Cancelled, total: 1 + 10_000 + 3, complete: false);
        var evaluation = (await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = job.Name })).Evaluation;
        Assert.True(evaluation.Cancelled);
        Assert.NotNull(evaluation.Policy);
        var sample = evaluation.OutOfSample;
        Assert.True(sample.Cancelled);
        Assert.Equal(10_000, sample.Samples);
        Assert.InRange(sample.Feasible, 2, 9_999);
        Assert.Equal(10_000, sample.Feasible + sample.Infeasible + sample.Unsolved);
        Assert.NotNull(sample.Cost);
        Assert.Null(evaluation.Evpi);
        Assert.Contains("cancelled before EVPI", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_request_id_twice_makes_one_job_and_with_another_request_is_failed_precondition()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var id = Guid.NewGuid().ToString();
        var spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.RiskWeight, Values = { 0, 1 } };

        var first = await analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = Proto(Newsvendor()), Spec = spec, RequestId = id });
        var second = await analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = Proto(Newsvendor()), Spec = spec, RequestId = id });
        var otherKind = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = Proto(Twins()), RequestId = id }).ResponseAsync);

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, otherKind.StatusCode);
        Assert.StartsWith($"requestId \"{id}\" was already used for job {first.Name["jobs/".Length..]} with a different kind", otherKind.Status.Detail);
        Assert.Single((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
        AnalysisJobs.AssertEvents(await HostJobs.WatchToEnd(host.Client, first.Name), V1.JobState.Succeeded, total: 2);
    }

    [Fact]
    public async Task A_bad_spec_is_invalid_argument_naming_each_field_and_nothing_is_queued()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var newsvendor = Proto(Newsvendor());

        var frontier = new V1.FrontierSpec { Values = { -1, double.NaN }, MaxParallelism = 0 };
        await AssertInvalid(analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = newsvendor, Spec = frontier }).ResponseAsync,
            "spec.parameter", "spec.values[0]", "spec.values[1]", "spec.maxParallelism");
        var both = new V1.FrontierSpec { Parameter = V1.FrontierParameter.RiskWeight, Values = { 1 }, Range = new V1.FrontierRange { Stop = 1, Steps = 0 } };
        await AssertInvalid(analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = newsvendor, Spec = both }).ResponseAsync,
            "spec.range", "spec.range.steps");
        await AssertInvalid(analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = newsvendor }).ResponseAsync, "spec");

        var twins = Proto(Twins());
        await AssertInvalid(analyses.StartCooperationAsync(new V1.StartCooperationRequest
        {
            Instance = twins, Spec = new V1.CooperationSpec { MaxCountries = 1 },
        }).ResponseAsync, "spec.maxCountries");
        await AssertInvalid(analyses.StartCooperationAsync(new V1.StartCooperationRequest
        {
            Instance = twins, Spec = new V1.CooperationSpec { MaxCountries = 21 },
        }).ResponseAsync, "spec.maxCountries");
        // An over-long request id is refused before the body is read (docs/api.md): alone,
        // whatever else the request holds.
        await AssertInvalid(analyses.StartCooperationAsync(new V1.StartCooperationRequest
        {
            Instance = twins, Spec = new V1.CooperationSpec { MaxCountries = 21 }, RequestId = new string('r', 129),
        }).ResponseAsync, "requestId");

        // The default distribution's supplier ("china") is not a source of the newsvendor.
        await AssertInvalid(analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = newsvendor }).ResponseAsync,
            "spec.distribution.supplier");
        var evaluation = new V1.EvaluationSpec
        {
            Policy = new V1.Policy { Stockpiles = { new V1.StockpileTarget { Country = "Z", Material = "m", Tonnes = -1 } } },
            Samples = 20_000,
            Distribution = new V1.ScenarioDistribution { Supplier = "x", Halts = { new V1.GroupHaltDistribution { Group = "g", Probability = 2 } } },
            ConfidenceLevel = 1.5,
        };
        await AssertInvalid(analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = newsvendor, Spec = evaluation }).ResponseAsync,
            "spec.confidenceLevel", "spec.samples", "spec.distribution.halts[0].probability", "spec.policy.stockpiles[0].country",
            "spec.policy.stockpiles[0].tonnes");
        var badScenario = new V1.EvaluationSpec { Scenarios = { new V1.Scenario { Id = "s", Probability = 1, Events = { new V1.SupplyEvent { Source = "nowhere", FromPeriod = 1, ToPeriod = 1 } } } } };
        var error = await AssertInvalid(analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = newsvendor, Spec = badScenario }).ResponseAsync);
        Assert.Contains(error, f => f.StartsWith("spec.scenarios[0].events[0]", StringComparison.Ordinal));

        // Problems of the instance and of the spec are reported together.
        var broken = Proto(Newsvendor());
        broken.Countries[0].BudgetUsd = -1;
        await AssertInvalid(analyses.StartFrontierAsync(new V1.StartFrontierRequest { Instance = broken, Spec = new V1.FrontierSpec() }).ResponseAsync,
            "countries[0].budgetUsd", "spec.parameter", "spec.values");
        await AssertInvalid(analyses.StartCooperationAsync(new V1.StartCooperationRequest()).ResponseAsync, "instance");

        Assert.Empty((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);

        // GetAnalysisResult: an unknown job, a bad name, a solve job.
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = "jobs/nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        await AssertInvalid(analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = "nope" }).ResponseAsync, "name");
        var solve = await host.Client.StartSolveAsync(HostJobs.Start(Newsvendor()));
        var notAnalysis = await Assert.ThrowsAsync<RpcException>(() =>
            analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = solve.Name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notAnalysis.StatusCode);
        Assert.Equal(solve.Name, Assert.Single(notAnalysis.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations).Subject);
    }

    [Fact]
    public async Task Generated_scenarios_are_identical_for_the_same_seed_and_reduce_to_k_representatives()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);
        var instance = InstanceJson.Default();
        V1.GenerateScenariosRequest Request(int seed, int? reduceTo = null) =>
            new() { Instance = Proto(instance), Count = 200, Seed = seed, ReduceTo = reduceTo };

        var first = await analyses.GenerateScenariosAsync(Request(42));
        var again = await analyses.GenerateScenariosAsync(Request(42));
        var other = await analyses.GenerateScenariosAsync(Request(43));

        Assert.Equal(first.ToByteArray(), again.ToByteArray());
        Assert.NotEqual(first.ToByteArray(), other.ToByteArray());
        Assert.Equal(200, first.Scenarios.Count);
        Assert.Null(first.Reduction);
        var inProcess = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, 200, 42);
        Assert.Equal(inProcess.Select(DomainMapping.ToProto), first.Scenarios);

        var reduced = await analyses.GenerateScenariosAsync(Request(42, reduceTo: 5));
        Assert.Equal(5, reduced.Scenarios.Count);
        Assert.Equal(1, reduced.Scenarios.Sum(s => s.Probability), 9);
        Assert.Equal((200, 5, 200), (reduced.Reduction.Sampled, reduced.Reduction.Kept.Count, reduced.Reduction.AssignedTo.Count));
        var expected = ScenarioReduction.FastForward(inProcess, 5, instance);
        Assert.Equal(expected.Kept, reduced.Reduction.Kept);
        Assert.Equal(expected.Scenarios.Select(DomainMapping.ToProto), reduced.Scenarios);

        // The reduced set is a valid scenario set for the instance: it validates as one.
        var withReduced = Proto(instance);
        withReduced.Scenarios.Clear();
        withReduced.Scenarios.Add(reduced.Scenarios);
        await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = withReduced });

        await AssertInvalid(analyses.GenerateScenariosAsync(new V1.GenerateScenariosRequest
        {
            Instance = Proto(instance), Count = 0, ReduceTo = 0,
            Distribution = new V1.ScenarioDistribution { Supplier = "nowhere" },
        }).ResponseAsync, "count", "reduceTo", "distribution.supplier");
    }

    /// <summary>Analyses share the solves' bounded queue: one running, one waiting, the next refused.</summary>
    [Fact]
    public async Task Analyses_take_places_in_the_same_bounded_queue_as_solves()
    {
        await using var host = new StockpileHost(new Dictionary<string, string?>
        {
            ["Jobs:MaxConcurrentSolves"] = "1",
            ["Jobs:QueueCapacity"] = "1",
        });
        var analyses = AnalysisJobs.Client(host);
        var running = await analyses.StartFrontierAsync(new V1.StartFrontierRequest
        {
            Instance = Proto(Newsvendor()),
            Spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.RiskWeight, Range = new V1.FrontierRange { Stop = 5, Steps = 1000 } },
        });
        await AnalysisJobs.WatchUntilProgress(host.Client, running.Name);
        var queued = await analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = Proto(Twins()) });
        Assert.Equal(V1.JobState.Queued, queued.State);

        var full = await Assert.ThrowsAsync<RpcException>(() => analyses.StartEvaluationAsync(new V1.StartEvaluationRequest
        {
            Instance = Proto(Newsvendor()), Spec = new V1.EvaluationSpec { Distribution = NewsvendorDistribution() },
        }).ResponseAsync);
        var solveFull = await Assert.ThrowsAsync<RpcException>(() => host.Client.StartSolveAsync(HostJobs.Start(Newsvendor())).ResponseAsync);
        foreach (var error in new[] { full, solveFull })
        {
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.True(error.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        }

        var dropped = await host.Client.CancelJobAsync(new V1.CancelJobRequest { Name = queued.Name });
        Assert.Equal(V1.JobState.Cancelled, dropped.State);
        Assert.Equal("cancelled before it ran", (await HostJobs.WatchToEnd(host.Client, queued.Name))[^1].Message);
        var none = await analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = queued.Name });
        Assert.Equal((V1.JobState.Cancelled, V1.AnalysisResult.ResultOneofCase.None), (none.State, none.ResultCase));
        var stopped = await host.Client.CancelJobAsync(new V1.CancelJobRequest { Name = running.Name });
        Assert.Equal(V1.JobState.Cancelled, stopped.State);
    }

    /// <summary>
    /// An analysis running when the host stops goes back to the queue, as a solve does; a new
    /// host on the same data directory runs it again from the start, and it ends SUCCEEDED with
    /// its whole result. Its events go on numbering where they stopped.
    /// </summary>
    [Fact]
    public async Task An_analysis_running_when_the_host_stops_succeeds_after_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-analysis-restart-").FullName;
        try
        {
            string name;
            long seen;
            await using (var first = new StockpileHost(dataDirectory: directory))
            {
                var job = await AnalysisJobs.Client(first).StartFrontierAsync(new V1.StartFrontierRequest
                {
                    Instance = Proto(Newsvendor()),
                    // The most points a frontier may have: the host stops after the first, and the rest
                    // take far longer than stopping does, so the stop always finds it running.
                    Spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.RiskWeight, Range = new V1.FrontierRange { Stop = 3, Steps = 1000 } },
                });
                name = job.Name;
                seen = (await AnalysisJobs.WatchUntilProgress(first.Client, name))[^1].Sequence;
            }

            await using var second = new StockpileHost(dataDirectory: directory);
            var rest = await HostJobs.WatchToEnd(second.Client, name, after: seen);

            Assert.Equal(Enumerable.Range((int)seen + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            var requeued = rest.FindIndex(e => e.State == V1.JobState.Queued);
            Assert.StartsWith("re-queued", rest[requeued].Message, StringComparison.Ordinal);
            var again = rest.Skip(requeued + 1).ToList();
            Assert.Equal([V1.JobState.Running, V1.JobState.Succeeded],
                again.Where(e => e.Kind == V1.JobEventKind.StateChange).Select(e => e.State));
            Assert.Equal(V1.JobState.Running, again[0].State);
            var lines = again.Where(e => e.Kind == V1.JobEventKind.Log).Select(e => e.Message).ToList();
            Assert.Equal(1000, lines.Count);
            Assert.StartsWith("1 of 1000 done: λ = 0 — optimal", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("1000 of 1000 done: λ = 3 — optimal", lines[^1], StringComparison.Ordinal);
            var frontier = (await AnalysisJobs.Client(second).GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = name })).Frontier;
            Assert.False(frontier.Cancelled);
            Assert.All(frontier.Points, p => Assert.NotNull(p.ObjectiveUsd));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Awaits an INVALID_ARGUMENT whose BadRequest names exactly <paramref name="fields"/> (any order) when given; returns the fields named.</summary>
    private static async Task<List<string>> AssertInvalid(Task call, params string[] fields)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var named = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        if (fields.Length > 0)
        {
            Assert.Equal(fields.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        }
        return named;
    }
}

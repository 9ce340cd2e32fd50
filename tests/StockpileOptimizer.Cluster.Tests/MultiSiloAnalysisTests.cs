using StockpileOptimizer.Cluster.Tests.Hosting;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model.Solving;
using Xunit.Abstractions;

namespace StockpileOptimizer.Cluster.Tests;

/// <summary>
/// Whole analyses on a real cluster on loopback (this process coordinates and solves the
/// masters; one or two server processes take the many solves): an SAA solve by Benders and an
/// out-of-sample evaluation end with the answers of one silo and of the in-process farm, also
/// when a worker silo is killed (kill -9) in the middle of the run; a cooperation analysis
/// (whole solves on the silos) ends with the in-process answers.
/// </summary>
[Collection(nameof(MultiSiloTests))]
public sealed class MultiSiloAnalysisTests(ITestOutputHelper output)
{
    /// <summary>The coordinator's farm slots, and the in-process farm's: both split a run into the same 2 × 2 = 4 batches.</summary>
    private const int FarmParallelism = 2;
    /// <summary>The worker is killed when this iteration reports, before the next round of subproblems goes out.</summary>
    private const int KillAtIteration = 2;

    private static readonly StockpileInstance Default = InstanceJson.Default();

    /// <summary>The SAA problem of both SAA tests: ten futures of the default instance (seed 3), one cut group each.</summary>
    private static readonly SaaCase Saa = SaaCase.Of(Default, samples: 10, seed: 3);

    /// <summary>Its solve on the in-process farm (checked: optimal, the plan's cost within its bounds) and the plan's cost, once for both tests.</summary>
    private static readonly Lazy<Task<(SaaResult Result, double PlanCost)>> InProcessSaa = new(async () =>
    {
        using var inProcess = new LocalSolveFarm(FarmParallelism);
        var result = await Saa.RunAsync(inProcess);
        return (result, Saa.AssertSolved(result, "in-process farm"));
    });

    /// <summary>
    /// The SAA problem on four batches: the same iterations with the same bounds, the same
    /// objective and a plan of the same cost on the in-process farm, on one worker silo and on two. The masters run here in every case;
    /// only where the subproblems are solved differs, and each batch sees the same points in
    /// the same order on its warm LP, so the runs agree to solver tolerance, not just to the gap.
    /// </summary>
    [PostgresFact]
    public async Task AnSaaSolveByBendersIsTheSameOnOneAndTwoWorkerSilos()
    {
        var (expected, expectedCost) = await InProcessSaa.Value;
        Assert.True(expected.Iterations.Count > KillAtIteration, $"{expected.Iterations.Count} iterations: too few for the kill test");
        await using var schema = await TestSchema.CreateAsync();

        foreach (var workers in new[] { 1, 2 })
        {
            await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers, FarmParallelism);
            var actual = await Saa.RunAsync(cluster.Farm);
            output.WriteLine($"{workers} worker(s): {actual.Iterations.Count} iterations, objective {actual.ObjectiveUsd:R}, bound {actual.BoundUsd:R}, {actual.WallSeconds:0.0} s");

            var cost = Saa.AssertSolved(actual, $"{workers} worker silo(s)");
            SaaCase.AssertSameRun(expected, actual, $"{workers} worker silo(s)");
            SaaCase.Close(expectedCost, cost, 1e-6, $"{workers} worker silo(s): the plan's cost");
            Assert.Equal(4, cluster.Farm.Preparations);
            Assert.Equal(0, cluster.Farm.Retries);
        }
    }

    /// <summary>
    /// The same SAA problem on two worker silos; the first is killed (SIGKILL) when iteration
    /// <see cref="KillAtIteration"/> reports. The next round's batches on the killed silo are
    /// lost with their warm LPs and placed again on the survivor, which is sent their JSON
    /// again. Rebuilt LPs start cold, so later cuts may differ (other optimal duals), and the
    /// run is held to what must not change: optimal to the gap, the same objective to the gap
    /// as the in-process run, and a plan whose exact cost is that objective.
    /// </summary>
    [PostgresFact]
    public async Task AnSaaSolveByBendersSurvivesAWorkerSiloKilledMidRun()
    {
        var (expected, expectedCost) = await InProcessSaa.Value;
        await using var schema = await TestSchema.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers: 2, FarmParallelism);
        var kill = new Lazy<Task>(() => cluster.KillAsync(0), LazyThreadSafetyMode.ExecutionAndPublication);

        var actual = await Saa.RunAsync(cluster.Farm, new InlineProgress(p =>
        {
            if (p.Completed == KillAtIteration)
            {
                _ = kill.Value;
            }
        }));
        Assert.True(kill.IsValueCreated, "the run ended before the kill");
        await kill.Value;
        output.WriteLine($"killed silo process {cluster.Workers[0].Id} after iteration {KillAtIteration}: {actual.Iterations.Count} iterations, "
            + $"{cluster.Farm.Preparations} batches sent, {cluster.Farm.Retries} calls retried; objective {actual.ObjectiveUsd:R} (in-process {expected.ObjectiveUsd:R})");

        var cost = Saa.AssertSolved(actual, "a worker killed");
        SaaCase.AssertSameObjective(expected, actual, "a worker killed");
        Assert.True(Math.Abs(cost - expectedCost) <= (SaaCase.Gap + 1e-6) * Math.Abs(expectedCost),
            $"the plan costs {cost:R}, the in-process plan {expectedCost:R}");
        // Four batches sent once, then the killed silo's two (batches 0 and 2, or 1 and 3) again.
        Assert.True(cluster.Farm.Preparations >= 6, $"{cluster.Farm.Preparations} batches sent; the killed silo's two should have been sent again");
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A fixed plan on thirty futures it was not fitted to, in four batches over two worker
    /// silos: every row (status, cost, shortage, defence shortage) is the in-process
    /// evaluation's to 1e-6 relative. Then again with the first worker killed as soon as the
    /// first batch answers, the other three held until it is dead (<see cref="HoldingFarm"/>):
    /// they are indices 1–3, so some were placed on the killed silo; each such call is lost and
    /// made again on the survivor (the farm's retries, logged; none when the silo was already
    /// declared dead and the batch placed on the survivor at once), and the rows are the same.
    /// </summary>
    [PostgresFact]
    public async Task AnEvaluationIsTheSameOnTwoWorkerSilosAlsoWhenOneIsKilled()
    {
        var plan = Plan(Default);
        var samples = ScenarioGenerator.Sample(Default, ScenarioDistribution.Default, 30, 11);
        var expected = EvaluationAnalysis.Run(Default, plan, samples, new EvaluationOptions { MaxParallelism = 1 });
        Assert.Equal(30, expected.Feasible);
        await using var schema = await TestSchema.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers: 2, FarmParallelism);
        var options = new EvaluationOptions { MaxParallelism = 1, Farm = cluster.Farm };

        var spread = await Task.Run(() => EvaluationAnalysis.Run(Default, plan, samples, options));
        SameRows(expected, spread, "two worker silos");
        Assert.Equal(0, cluster.Farm.Retries);

        var holding = new HoldingFarm(cluster.Farm);
        var kill = new Lazy<Task>(async () =>
        {
            await cluster.KillAsync(0);
            holding.Open();
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        var killed = await Task.Run(() => EvaluationAnalysis.Run(Default, plan, samples, options with { Farm = holding },
            progress: new InlineProgress(p => { _ = kill.Value; })));
        Assert.True(kill.IsValueCreated, "no batch answered");
        await kill.Value;
        output.WriteLine($"killed silo process {cluster.Workers[0].Id} after the first batch: {cluster.Farm.Retries} calls retried");

        SameRows(expected, killed, "a worker killed");
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A generated instance of two countries: its three coalitions (each country alone, both
    /// together) solved as whole solves spread over two worker silos give the in-process
    /// analysis's costs, saving and Shapley split (1e-6 relative; the solves are exact to 1e-7).
    /// </summary>
    [PostgresFact]
    public async Task ACooperationAnalysisIsTheSameOnTwoWorkerSilos()
    {
        var instance = InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 2, Materials = 2, Periods = 3, Scenarios = 4, ProducersPerCountry = 1, Investments = 1, Tiers = 2, Seed = 1,
        });
        var options = new CooperationOptions { MaxParallelism = 1, Solve = SaaCase.Each };
        var expected = CooperationAnalysis.Run(instance, options);
        Assert.True(expected.Exact, expected.Message);
        await using var schema = await TestSchema.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(schema.ConnectionString, workers: 2, FarmParallelism);

        var actual = await Task.Run(() => CooperationAnalysis.Run(instance, options with { Farm = cluster.Farm }));

        Assert.True(actual.Exact, actual.Message);
        Assert.Equal(3, actual.Coalitions.Count);
        foreach (var (e, a) in expected.Coalitions.Zip(actual.Coalitions))
        {
            var at = $"coalition {string.Join("+", e.Members)}";
            Assert.Equal(e.Members, a.Members);
            SaaCase.Close(e.CostUsd!.Value, a.CostUsd!.Value, 1e-6, $"{at}: cost");
        }
        SaaCase.Close(expected.SavingUsd!.Value, actual.SavingUsd!.Value, 1e-6, "saving");
        foreach (var (e, a) in expected.Shares.Zip(actual.Shares))
        {
            Assert.Equal(e.Country, a.Country);
            SaaCase.Close(e.ShapleyUsd!.Value, a.ShapleyUsd!.Value, 1e-6, $"{e.Country}: Shapley share");
        }
        Assert.Equal(0, cluster.Farm.Retries);
    }

    /// <summary>
    /// A plan to evaluate: the extensive form of the default instance on three sampled futures
    /// (seed 5), solved here.
    /// </summary>
    private static Policy Plan(StockpileInstance instance)
    {
        var futures = ScenarioGenerator.Sample(instance, ScenarioDistribution.Default, 3, 5);
        var solved = StockpileSolver.Solve(instance with { Scenarios = futures.ToArray() },
            new SolveOptions { RelativeGap = 1e-4, ShadowPrices = false, DiagnoseInfeasibility = false });
        return solved.Policy ?? throw new InvalidOperationException($"no plan: {solved.Solver.Termination} {solved.Solver.Message}");
    }

    private static void SameRows(EvaluationResult expected, EvaluationResult actual, string label)
    {
        Assert.False(actual.Cancelled, label);
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var (e, a) in expected.Rows.Zip(actual.Rows))
        {
            var at = $"{label}, sample {e.Index} ({e.Scenario})";
            Assert.True(e.Index == a.Index && e.Scenario == a.Scenario && e.Termination == a.Termination,
                $"{at}: got sample {a.Index} ({a.Scenario}) {a.Termination} '{a.Message}', expected {e.Termination}");
            SaaCase.Close(e.CostUsd!.Value, a.CostUsd!.Value, 1e-6, $"{at}: cost");
            SaaCase.Close(e.ShortageTonnes!.Value, a.ShortageTonnes!.Value, 1e-6, $"{at}: shortage");
            SaaCase.Close(e.DefenceShortageTonnes!.Value, a.DefenceShortageTonnes!.Value, 1e-6, $"{at}: defence shortage");
        }
        SaaCase.Close(expected.Cost!.Mean, actual.Cost!.Mean, 1e-6, $"{label}: mean cost");
    }
}

using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Tests.Integration;

[Collection(HostCollection.Name)]
public sealed class SolveTests
{
    /// <summary>
    /// The server adds no model logic: its answer for the default instance is the engine's,
    /// solved here in-process as the job system solves it (one thread, progress watched).
    /// Both stop within the relative gap 1e-4 of the optimum, so their objectives agree to
    /// 2e-4. The default instance has near-optimal plans that differ in the tonnes of a cheap
    /// material (the solver's path depends on wall-clock progress stages), so the plans are
    /// compared by their objective, their shape and their discrete decisions, not tonne by tonne.
    /// </summary>
    [Fact]
    public async Task Solving_the_default_instance_over_grpc_gives_the_in_process_result()
    {
        await using var host = new StockpileHost();
        var defaults = await host.Client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest());

        var remote = await host.Client.SolveAsync(new V1.SolveRequest { Instance = defaults.Instance }, StockpileHost.Deadline(Jobs.Patience));
        var instance = InstanceJson.Default();
        var local = StockpileSolver.Solve(instance, new SolveOptions { Threads = 1 }, progress: new Progress<SolveProgress>());

        Assert.Equal(V1.Termination.Optimal, remote.Solver.Termination);
        Assert.Equal(local.Fingerprint, remote.Fingerprint);
        Assert.Equal(local.Solver.Objective, remote.Solver.ObjectiveUsd!.Value, 2e-4 * local.Solver.Objective);
        var policy = local.Policy!;
        Assert.Equal(policy.Stockpiles.Select(s => (s.Country, s.Material)), remote.Policy.Stockpiles.Select(s => (s.Country, s.Material)));
        Assert.Equal(policy.Commitments.Select(c => c.Producer), remote.Policy.Commitments.Select(c => c.Producer));
        Assert.Equal(policy.Investments.Select(i => (i.Investment, i.Build)), remote.Policy.Investments.Select(i => (i.Investment, i.Build)));
        Assert.Equal(policy.Tiers.Select(t => (t.Country, t.Material, t.Tier)), remote.Policy.Tiers.Select(t => (t.Country, t.Material, t.Tier)));
        // JOINT: objective = E[L] + λ·CVaR_α(L) + the tie-breaking penalty (model v2), and the
        // KPIs that came over the wire say so.
        var kpis = remote.Kpis;
        Assert.True(remote.Solver.TieBreakUsd > 0);
        Assert.Equal(remote.Solver.ObjectiveUsd.Value, kpis.ExpectedCostUsd + instance.Policy.RiskWeight * kpis.CvarCostUsd + remote.Solver.TieBreakUsd,
            1e-6 * remote.Solver.ObjectiveUsd.Value);
        Assert.Equal(instance.Scenarios.Select(s => s.Id), remote.Scenarios.Select(s => s.Scenario));
        Assert.All(remote.Scenarios, s => Assert.All(s.Materials, m => Assert.Equal(instance.Horizon.Periods, m.InventoryTonnes.Count)));
        Assert.NotEmpty(remote.ShadowPrices.Budgets);
    }

    [Fact]
    public async Task The_default_scenario_is_the_embedded_instance()
    {
        await using var host = new StockpileHost();

        var response = await host.Client.GetDefaultScenarioAsync(new V1.GetDefaultScenarioRequest());

        var instance = InstanceJson.Default();
        Assert.Equal(InstanceJson.Fingerprint(instance), response.Fingerprint);
        Assert.Equal(response.Fingerprint, InstanceJson.Fingerprint(DomainMapping.ToDomain(response.Instance, new List<Violation>())));
        Assert.Equal(instance.Countries.Count, response.Instance.Countries.Count);
        Assert.Contains("//", response.AnnotatedJson, StringComparison.Ordinal);
        Assert.Equal(response.Fingerprint, InstanceJson.Fingerprint(InstanceJson.Parse(response.AnnotatedJson)));
    }

    [Fact]
    public async Task A_valid_instance_validates_with_its_fingerprint_and_size()
    {
        await using var host = new StockpileHost();
        var instance = TestInstances.Tiny();

        var response = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = DomainMapping.ToProto(instance) });

        Assert.Equal(InstanceJson.Fingerprint(instance), response.Fingerprint);
        Assert.Equal(2, response.Periods);
        Assert.Equal(2, response.Scenarios);
    }

    /// <summary>Infeasible is an answer: OK with termination INFEASIBLE and the diagnosis.</summary>
    [Fact]
    public async Task An_infeasible_instance_is_a_result_not_an_error()
    {
        await using var host = new StockpileHost();
        var instance = TestInstances.Tiny() with
        {
            Countries = [new Country { Id = "A", BudgetUsd = 1e6, StorageTonnes = 10 }],
            Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };

        var result = await host.Client.SolveAsync(new V1.SolveRequest { Instance = DomainMapping.ToProto(instance) }, StockpileHost.Deadline(Jobs.Patience));

        Assert.Equal(V1.Termination.Infeasible, result.Solver.Termination);
        Assert.Null(result.Policy);
        Assert.Contains("coverage", result.Diagnosis.ConflictingFamilies);
    }

    [Fact]
    public async Task Health_checking_answers_serving_for_the_server_and_the_service()
    {
        await using var host = new StockpileHost();
        var health = new Health.HealthClient(host.Channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new HealthCheckRequest { Service = "stockpile.v1.StockpileService" })).Status);
    }

    [Fact]
    public async Task Reflection_lists_the_service()
    {
        await using var host = new StockpileHost();
        var reflection = new ServerReflection.ServerReflectionClient(host.Channel);

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var services = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            services.AddRange(response.ListServicesResponse.Service.Select(s => s.Name));
        }

        Assert.Contains("stockpile.v1.StockpileService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}

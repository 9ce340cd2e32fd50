using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>Bad input is INVALID_ARGUMENT with every field violation; unknown jobs are NOT_FOUND.</summary>
[Collection(HostCollection.Name)]
public sealed class ErrorTests
{
    private static readonly Producer Producer = new()
    {
        Id = "p", Country = "A", Material = "m", CapacityTonnesPerPeriod = 10, RampTonnesPerPeriod = 1,
        UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 8, MaxCommitmentTonnesPerPeriod = 10,
    };

    public static TheoryData<string, Func<V1.StockpileInstance, V1.StockpileInstance>> OneRuleEach => new()
    {
        { "producers[0].capacityTonnesPerPeriod", i => { i.Producers[0].CapacityTonnesPerPeriod = -5; return i; } },
        { "scenarios", i => { i.Scenarios[0].Probability = 0.7; return i; } },
        { "producers[0].country", i => { i.Producers[0].Country = "ZZ"; return i; } },
        { "materials[0].priceUsdPerTonne", i => { i.Materials[0].PriceUsdPerTonne = double.NaN; return i; } },
        { "demands[0].tonnesPerPeriod", i => { i.Demands[0].TonnesPerPeriod.Add(5); return i; } },
        { "scenarios[1].events[0].availability", i => { i.Scenarios[1].Events[0].Availability = 1.5; return i; } },
        { "policy.cvarAlpha", i => { i.Policy.CvarAlpha = 1; return i; } },
        { "horizon.periods", i => { i.Horizon = null; return i; } },
        { "policy.mode", i => { i.Policy.Mode = (V1.CooperationMode)9; return i; } },
    };

    [Theory]
    [MemberData(nameof(OneRuleEach))]
    public async Task Each_rule_gives_invalid_argument_with_its_field_path(string path, Func<V1.StockpileInstance, V1.StockpileInstance> breakIt)
    {
        await using var host = new StockpileHost();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.SolveAsync(new V1.SolveRequest { Instance = breakIt(Valid()) }).ResponseAsync);

        var violation = Assert.Single(FieldViolations(error));
        Assert.Equal(path, violation.Field);
        Assert.StartsWith(path, violation.Description, StringComparison.Ordinal);
    }

    /// <summary>Five rules broken at once (one of them twice): all six violations come back in one answer.</summary>
    [Fact]
    public async Task Every_violation_comes_back_at_once_from_every_method_that_takes_an_instance()
    {
        await using var host = new StockpileHost();
        var instance = Valid();
        instance.Producers[0].CapacityTonnesPerPeriod = -5;
        instance.Producers[0].Country = "ZZ";
        instance.Scenarios[0].Probability = 0.7;
        instance.Materials[0].HoldingUsdPerTonnePeriod = double.PositiveInfinity;
        instance.Demands[0].Sector = "nope";
        instance.Policy.Mode = (V1.CooperationMode)9;
        string[] expected =
        [
            "policy.mode", "materials[0].holdingUsdPerTonnePeriod", "producers[0].country",
            "producers[0].capacityTonnesPerPeriod", "demands[0].sector", "scenarios",
        ];

        var calls = new Func<Task>[]
        {
            () => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance }).ResponseAsync,
            () => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance }).ResponseAsync,
            () => host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(expected.Order(), FieldViolations(error).Select(v => v.Field).Order());
            Assert.Contains("6 problems", error.Status.Detail, StringComparison.Ordinal);
        }
        var jobs = await host.Client.ListJobsAsync(new V1.ListJobsRequest());
        Assert.Empty(jobs.Jobs);
    }

    [Fact]
    public async Task Violations_are_capped_at_25_and_the_message_gives_the_total()
    {
        await using var host = new StockpileHost();
        var instance = Valid();
        for (var i = 0; i < 150; i++)
        {
            instance.Countries.Add(new V1.Country { Id = $"c{i}", BudgetUsd = -1 });
        }

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync);

        Assert.Equal(25, FieldViolations(error).Count);
        Assert.Contains("150 problems", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_fields_outside_the_instance_are_named_from_the_request()
    {
        await using var host = new StockpileHost();
        var client = host.Client;

        Assert.Equal(["instance"], await Fields(client.SolveAsync(new V1.SolveRequest()).ResponseAsync));
        Assert.Equal(["options.relativeGap", "options.solver"], await Fields(client.SolveAsync(new V1.SolveRequest
        {
            Instance = Valid(),
            Options = new V1.SolveOptions { RelativeGap = -1, Solver = (V1.MipSolver)42 },
        }).ResponseAsync));
        Assert.Equal(["requestId"], await Fields(client.StartSolveAsync(new V1.StartSolveRequest
        {
            Instance = Valid(), RequestId = new string('x', 129),
        }).ResponseAsync));
        Assert.Equal(["name"], await Fields(client.GetJobAsync(new V1.GetJobRequest { Name = "42" }).ResponseAsync));
        Assert.Equal(["name"], await Fields(client.CancelJobAsync(new V1.CancelJobRequest()).ResponseAsync));
        Assert.Equal(["pageSize"], await Fields(client.ListJobsAsync(new V1.ListJobsRequest { PageSize = -1 }).ResponseAsync));
        Assert.Equal(["pageToken"], await Fields(client.ListJobsAsync(new V1.ListJobsRequest { PageToken = "not-a-token" }).ResponseAsync));
        Assert.Equal(["afterSequence"], await Fields(Jobs.WatchToEnd(client, "jobs/x", after: -1)));
    }

    [Fact]
    public async Task A_model_over_the_size_limit_is_invalid_with_the_limit_and_the_size()
    {
        await using var host = new StockpileHost(new Dictionary<string, string?> { ["Server:MaxScenarioPeriods"] = "3" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.SolveAsync(new V1.SolveRequest { Instance = Valid() }).ResponseAsync);

        var violation = Assert.Single(FieldViolations(error));
        Assert.Equal("scenarios", violation.Field);
        Assert.Contains("2 scenarios × 2 periods = 4, the limit is 3", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_jobs_are_not_found()
    {
        await using var host = new StockpileHost();
        var client = host.Client;

        await AssertNotFound(client.GetJobAsync(new V1.GetJobRequest { Name = "jobs/nope" }).ResponseAsync);
        await AssertNotFound(client.CancelJobAsync(new V1.CancelJobRequest { Name = "jobs/nope" }).ResponseAsync);
        await AssertNotFound(Jobs.WatchToEnd(client, "jobs/nope"));
    }

    /// <summary>The tiny instance with a producer, valid as it is.</summary>
    private static V1.StockpileInstance Valid() =>
        DomainMapping.ToProto(TestInstances.Tiny() with { Producers = [Producer] });

    private static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations;
    }

    private static async Task<string[]> Fields(Task call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        return [.. FieldViolations(error).Select(v => v.Field).Order()];
    }

    private static async Task AssertNotFound(Task call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("jobs/nope", error.Status.Detail, StringComparison.Ordinal);
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Tests.Analyses;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Requests the server refuses before any work: a model over Server:MaxModelVariables (counted
/// before it is built) on every method that takes an instance, a time limit outside
/// google.protobuf.Duration's range, and a body that is not the request message on every service.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RequestLimitTests
{
    [Fact]
    public async Task A_model_over_MaxModelVariables_is_refused_by_every_method_with_the_limit_and_the_estimate()
    {
        var instance = TestInstances.Medium();
        var estimate = ModelSizeEstimate.Of(instance);
        var limit = estimate.Variables - 1;
        await using var host = new StockpileHost(new Dictionary<string, string?> { ["Server:MaxModelVariables"] = $"{limit}" });
        var proto = DomainMapping.ToProto(instance);
        var analyses = AnalysisJobs.Client(host);

        var calls = new Func<Task>[]
        {
            () => host.Client.SolveAsync(new V1.SolveRequest { Instance = proto }).ResponseAsync,
            () => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = proto }).ResponseAsync,
            () => host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = proto }).ResponseAsync,
            () => analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = proto }).ResponseAsync,
            () => analyses.StartEvaluationAsync(new V1.StartEvaluationRequest { Instance = proto }).ResponseAsync,
            () => analyses.StartFrontierAsync(new V1.StartFrontierRequest
            {
                Instance = proto, Spec = new V1.FrontierSpec { Parameter = V1.FrontierParameter.RiskWeight, Values = { 0, 1 } },
            }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            var violation = Assert.Single(FieldViolations(error));
            Assert.Equal("instance", violation.Field);
            Assert.Contains($"about {estimate.Variables} variables and {estimate.Rows} rows", violation.Description, StringComparison.Ordinal);
            Assert.Contains($"the limit is {limit} variables (Server:MaxModelVariables)", violation.Description, StringComparison.Ordinal);
        }
        Assert.Empty((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
    }

    [Fact]
    public async Task A_model_at_MaxModelVariables_is_accepted()
    {
        var instance = TestInstances.Medium();
        await using var host = new StockpileHost(new Dictionary<string, string?>
        {
            ["Server:MaxModelVariables"] = $"{ModelSizeEstimate.Of(instance).Variables}",
        });

        var answer = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = DomainMapping.ToProto(instance) });

        Assert.Equal(instance.Scenarios.Count, answer.Scenarios);
    }

    [Theory]
    [InlineData(315_576_000_001L, 0)]
    [InlineData(1L, 1_000_000_000)]
    [InlineData(-1L, 5)]
    [InlineData(1L, -5)]
    public async Task A_time_limit_outside_the_range_of_a_Duration_is_invalid_on_every_method_that_takes_one(long seconds, int nanos)
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        var options = new V1.SolveOptions { TimeLimit = new Duration { Seconds = seconds, Nanos = nanos } };
        var analyses = AnalysisJobs.Client(host);

        var calls = new Func<Task>[]
        {
            () => host.Client.SolveAsync(new V1.SolveRequest { Instance = instance, Options = options }).ResponseAsync,
            () => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, Options = options }).ResponseAsync,
            () => analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = instance, Options = options }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(["options.timeLimit"], FieldViolations(error).Select(v => v.Field));
        }
    }

    [Theory]
    [InlineData("stockpile.v1.StockpileService", "Solve", "stockpile.v1.SolveRequest")]
    [InlineData("stockpile.v1.StockpileService", "GetJob", "stockpile.v1.GetJobRequest")]
    [InlineData("stockpile.v1.StockpileService", "WatchJob", "stockpile.v1.WatchJobRequest")]
    [InlineData("stockpile.v1.AnalysisService", "StartFrontier", "stockpile.v1.StartFrontierRequest")]
    [InlineData("grpc.health.v1.Health", "Check", "grpc.health.v1.HealthCheckRequest")]
    public async Task A_body_that_is_not_the_request_message_is_invalid_argument_on_every_service(string service, string method, string message)
    {
        await using var host = new StockpileHost();
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var type = method == "WatchJob" ? MethodType.ServerStreaming : MethodType.Unary;
        var call = new Method<byte[], byte[]>(type, service, method, raw, raw);
        // Field 1, length-delimited, says 5 bytes follow; one does.
        byte[] truncated = [0x0a, 0x05, 0x01];
        var invoker = host.Channel.CreateCallInvoker();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (type == MethodType.Unary)
            {
                await invoker.AsyncUnaryCall(call, null, new CallOptions(), truncated);
                return;
            }
            using var stream = invoker.AsyncServerStreamingCall(call, null, new CallOptions(), truncated);
            while (await stream.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"the request body is not a valid {message}: ", error.Status.Detail, StringComparison.Ordinal);
        // The host goes on serving.
        var tiny = TestInstances.Tiny();
        var valid = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = DomainMapping.ToProto(tiny) });
        Assert.Equal(tiny.Horizon.Periods, valid.Periods);
    }

    private static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations;
    }
}

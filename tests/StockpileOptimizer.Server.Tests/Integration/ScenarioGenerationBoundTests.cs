using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Tests.Analyses;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// GenerateScenarios is bounded (count² × reduceTo) and stops when its caller goes away
/// (docs/reliability.md, "GenerateScenarios ran unbounded").
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ScenarioGenerationBoundTests
{
    private const string CancelItem = "cancel-after-read";

    [Fact]
    public async Task The_measured_24_second_request_is_invalid_argument_naming_reduceTo()
    {
        await using var host = new StockpileHost();
        var analyses = AnalysisJobs.Client(host);

        var error = await Assert.ThrowsAsync<RpcException>(() => analyses.GenerateScenariosAsync(new V1.GenerateScenariosRequest
        {
            Instance = DomainMapping.ToProto(InstanceJson.Default()), Count = 4_000, ReduceTo = 3_999, Seed = 1,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("reduceTo", violation.Field);
        Assert.Contains("count² × reduceTo", violation.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// The caller goes away after its request is read and before the method runs (a test
    /// interceptor cancels the call's token there): the work stops and the call ends CANCELLED.
    /// Before the token was passed down, the same call answered OK with the scenarios.
    /// </summary>
    [Fact]
    public async Task A_call_cancelled_by_its_caller_stops_its_work_and_ends_cancelled()
    {
        await using var host = new HookedHost(
            services: s => s.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<CancelOnArrival>()),
            front: app => app.Use(async (context, next) =>
            {
                using var aborted = new CancellationTokenSource();
                context.RequestAborted = aborted.Token;
                context.Items[CancelItem] = aborted;
                await next(context);
            }));
        var analyses = new V1.AnalysisService.AnalysisServiceClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => analyses.GenerateScenariosAsync(new V1.GenerateScenariosRequest
        {
            Instance = DomainMapping.ToProto(InstanceJson.Default()), Count = 200, ReduceTo = 5, Seed = 1,
        }).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("the call was cancelled by its caller", error.Status.Detail);
    }

    /// <summary>Cancels the call's token (the request has been read) before the method runs.</summary>
    private sealed class CancelOnArrival : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (context.GetHttpContext().Items[CancelItem] is CancellationTokenSource source)
            {
                source.Cancel();
            }
            return continuation(request, context);
        }
    }
}

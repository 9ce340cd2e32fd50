using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Server.Tests.Analyses;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// A job name is "jobs/" and an id of at most 63 characters, a request_id at most 128
/// characters, neither with a control or bidi character: otherwise INVALID_ARGUMENT naming the
/// field, before the request is read further (no instance validated, no job made), with the
/// value cut (docs/reliability.md, finding 9).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RequestIdentifierTests
{
    public static TheoryData<string> BadNames => new()
    {
        "jobs/" + new string('a', 100_000),
        "jobs/" + new string('a', 4_000_000),
        "jobs/" + new string('a', 64),
        "jobs/a\0",
        "jobs/\u202Eabc",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_job_name_too_long_or_with_hidden_characters_is_invalid_on_every_job_call(string name)
    {
        await using var host = new StockpileHost();
        var client = host.Client;
        var analyses = AnalysisJobs.Client(host);
        var deadline = StockpileHost.Deadline(TimeSpan.FromSeconds(60));

        var calls = new Func<Task>[]
        {
            () => client.GetJobAsync(new V1.GetJobRequest { Name = name }, deadline).ResponseAsync,
            () => client.CancelJobAsync(new V1.CancelJobRequest { Name = name }, deadline).ResponseAsync,
            () => Jobs.WatchToEnd(client, name),
            () => analyses.GetAnalysisResultAsync(new V1.GetAnalysisResultRequest { Name = name }, deadline).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            var violation = Assert.Single(ErrorTrailer.SmallViolations(error));
            Assert.Equal("name", violation.Field);
            Assert.True(violation.Description.Length < 200, violation.Description);
        }
    }

    /// <summary>A name of the longest id is well formed: the job is just not there.</summary>
    [Fact]
    public async Task A_job_name_of_63_characters_is_not_found()
    {
        await using var host = new StockpileHost();
        var name = "jobs/" + new string('a', 63);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetJobAsync(new V1.GetJobRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal($"no job named \"{name}\"", error.Status.Detail);
    }

    [Theory]
    [InlineData(129, "")]
    [InlineData(4_000_000, "")]
    [InlineData(10, "\0")]
    [InlineData(10, "\u2067")]
    public async Task A_request_id_too_long_or_with_hidden_characters_is_invalid_and_makes_no_job(int length, string hidden)
    {
        await using var host = new StockpileHost();
        var requestId = new string('r', length) + hidden;
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        var analyses = AnalysisJobs.Client(host);

        var calls = new Func<Task>[]
        {
            () => host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, RequestId = requestId }).ResponseAsync,
            () => analyses.StartCooperationAsync(new V1.StartCooperationRequest { Instance = instance, RequestId = requestId }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal("requestId", Assert.Single(ErrorTrailer.SmallViolations(error)).Field);
        }
        Assert.Empty((await host.Client.ListJobsAsync(new V1.ListJobsRequest())).Jobs);
    }

    [Fact]
    public async Task A_request_id_of_128_characters_is_accepted()
    {
        await using var host = new StockpileHost();
        var requestId = new string('r', 128);

        var job = await host.Client.StartSolveAsync(new V1.StartSolveRequest { Instance = DomainMapping.ToProto(TestInstances.Tiny()), RequestId = requestId });

        Assert.Equal(requestId, job.RequestId);
    }
}

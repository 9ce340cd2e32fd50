using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Reliability.Tests.Hosting;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

/// <summary>
/// The shapes of docs/reliability.md findings 9–11 over real HTTP/2 (the server as a child
/// process), read by a client that, like a stock grpcio client, refuses response metadata over
/// 8 KiB: each is INVALID_ARGUMENT naming the field, with trailers under 8 KiB, answered
/// within the call's deadline; and the server then still solves the newsvendor. Before, the
/// default instance without countries gave 143 violations in 11.9 KB of trailers (grpcio:
/// RESOURCE_EXHAUSTED), and a 4,000,000-character id 20 MB of them (grpcio: no answer in 120 s).
/// </summary>
public sealed class ErrorSizeTests(ITestOutputHelper output)
{
    private static readonly string Huge = new('x', 4_000_000);

    public static TheoryData<string, string> Shapes => new()
    {
        { "the default instance without its countries", "countries" },
        { "a country id of 4,000,000 characters", "countries[0].id" },
        { "a reference of 4,000,000 characters", "demands[0].country" },
        { "a country id with NUL", "countries[0].id" },
        { "a country id with a bidi override", "countries[0].id" },
        { "a name of 1,000,000 characters", "name" },
        { "2,147,483,647 months per period", "horizon.monthsPerPeriod" },
        { "four price events of 1e6 on one material and period", "scenarios[1].events[3].priceMultiplier" },
        { "a request_id of 4,000,000 characters", "requestId" },
        { "a job name of 4,000,000 characters (GetJob)", "name" },
        { "a job name of 4,000,000 characters (WatchJob)", "name" },
        { "a job name with a control character (CancelJob)", "name" },
    };

    [Fact]
    public async Task Each_shape_is_invalid_argument_under_8_KiB_over_real_http2()
    {
        var directory = Directory.CreateTempSubdirectory("stockpile-errors-").FullName;
        try
        {
            await using var server = await ServerProcess.StartServingAsync(directory);
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}", new GrpcChannelOptions
            {
                // SocketsHttpHandler counts in KiB: response headers and trailers over 8 KiB fail the call, as grpcio's default does.
                HttpHandler = new SocketsHttpHandler { MaxResponseHeadersLength = 8 },
                MaxReceiveMessageSize = 64 * 1024 * 1024,
            });
            var client = new V1.StockpileService.StockpileServiceClient(channel);
            var lines = new List<string>();
            foreach (var (shape, field) in Shapes.Select(row => ((string)row[0], (string)row[1])))
            {
                var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60));
                var answer = await Answer.Of(() => ErrorTrailers.Checked(() => Send(client, shape, options)));

                Assert.True(answer.Status == StatusCode.InvalidArgument, $"{shape}: {answer}");
                Assert.Contains(answer.BadRequest!.FieldViolations, v => v.Field == field);
                Assert.All(answer.BadRequest.FieldViolations, v => Assert.True(v.Description.Length <= 400, $"{shape}: {v.Description.Length} characters"));
                lines.Add($"{shape}: {answer.BadRequest.FieldViolations.Count} violations listed, {answer.Latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
            }
            await GoodRequest.AssertServedAsync(server.Client);
            output.WriteLine(string.Join('\n', lines) + $"\nlargest error trailers seen in this run: {ErrorTrailers.Seen.Largest} B");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Google.Protobuf.IMessage> Send(V1.StockpileService.StockpileServiceClient client, string shape, CallOptions options)
    {
        var instance = DomainMapping.ToProto(Instances.Newsvendor());
        switch (shape)
        {
            case "the default instance without its countries":
                instance = DomainMapping.ToProto(InstanceJson.Default());
                instance.Countries.Clear();
                break;
            case "a country id of 4,000,000 characters": instance.Countries[0].Id = Huge; break;
            case "a reference of 4,000,000 characters": instance.Demands[0].Country = Huge; break;
            case "a country id with NUL": instance.Countries[0].Id = "A\0"; break;
            case "a country id with a bidi override": instance.Countries[0].Id = "\u202EA"; break;
            case "a name of 1,000,000 characters": instance.Name = Huge[..1_000_000]; break;
            case "2,147,483,647 months per period": instance.Horizon.MonthsPerPeriod = int.MaxValue; break;
            case "four price events of 1e6 on one material and period":
                instance.Scenarios[1].Events.Clear();
                instance.Scenarios[1].Events.Add(Enumerable.Range(0, 4).Select(_ => new V1.SupplyEvent
                {
                    Materials = { "m" }, FromPeriod = 1, ToPeriod = 1, PriceMultiplier = 1e6,
                }));
                break;
            case "a request_id of 4,000,000 characters":
                return await client.StartSolveAsync(new V1.StartSolveRequest { Instance = instance, RequestId = Huge }, options);
            case "a job name of 4,000,000 characters (GetJob)":
                return await client.GetJobAsync(new V1.GetJobRequest { Name = "jobs/" + Huge }, options);
            case "a job name of 4,000,000 characters (WatchJob)":
                using (var call = client.WatchJob(new V1.WatchJobRequest { Name = "jobs/" + Huge }, options))
                {
                    return await call.ResponseStream.MoveNext() ? call.ResponseStream.Current : new V1.JobEvent();
                }
            case "a job name with a control character (CancelJob)":
                return await client.CancelJobAsync(new V1.CancelJobRequest { Name = "jobs/a\u0007" }, options);
            default:
                throw new ArgumentException(shape);
        }
        return await client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }, options);
    }
}

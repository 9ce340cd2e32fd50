using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// The HTTP/JSON API (gRPC JSON transcoding, docs/api.md "HTTP/JSON") with plain HTTP requests
/// and strict JSON parsing (no comments, no trailing commas), against the real server in-process.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HttpApiTests
{
    /// <summary>
    /// <see cref="TestInstances.Tiny"/> written by hand as a caller without the protos would
    /// write it: proto3 JSON, lowerCamelCase names, unset fields left out.
    /// </summary>
    private const string TinyJson = """
        {
          "name": "tiny",
          "horizon": { "periods": 2, "monthsPerPeriod": 3, "start": "2026Q1" },
          "countries": [ { "id": "A", "budgetUsd": 1e6, "storageTonnes": 1e6 } ],
          "materials": [ { "id": "m", "group": "g", "priceUsdPerTonne": 10, "acquisitionUsdPerTonne": 10, "holdingUsdPerTonnePeriod": 2 } ],
          "sectors": [ { "id": "k", "defence": true } ],
          "demands": [ { "country": "A", "material": "m", "sector": "k", "tonnesPerPeriod": [100, 100], "damageUsdPerTonne": 50 } ],
          "importSources": [ { "id": "x" } ],
          "imports": [ { "country": "A", "material": "m", "source": "x", "tonnesPerPeriod": 100 } ],
          "tiers": [ { "id": "0", "rate": 0 } ],
          "scenarios": [
            { "id": "calm", "probability": 0.5 },
            { "id": "halt", "probability": 0.5,
              "events": [ { "source": "x", "materials": ["m"], "fromPeriod": 1, "toPeriod": 2, "availability": 0.4 } ] }
          ]
        }
        """;

    [Fact]
    public async Task Post_solve_with_a_json_instance_returns_the_plan_as_json()
    {
        await using var host = new HttpApiHost();

        using var response = await host.Http.PostAsync("/v1/solve", Json($$"""{ "instance": {{TinyJson}} }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var result = await Strict(response);
        var root = result.RootElement;
        // The hand-written JSON is the test instance exactly: the server fingerprints the same instance.
        Assert.Equal(InstanceJson.Fingerprint(TestInstances.Tiny()), root.GetProperty("fingerprint").GetString());
        Assert.Equal("TERMINATION_OPTIMAL", root.GetProperty("solver").GetProperty("termination").GetString());
        // The same answer as over gRPC, field for field where it is deterministic.
        var grpc = await host.Grpc.SolveAsync(new V1.SolveRequest { Instance = DomainMapping.ToProto(TestInstances.Tiny()) });
        Assert.Equal(grpc.Solver.ObjectiveUsd!.Value, root.GetProperty("solver").GetProperty("objectiveUsd").GetDouble(), 1e-9 * Math.Abs(grpc.Solver.ObjectiveUsd.Value) + 1e-9);
        Assert.Equal(grpc.Scenarios.Select(s => s.Scenario), root.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("scenario").GetString()));
    }

    [Fact]
    public async Task Get_default_scenario_returns_the_default_instance_as_plain_json_that_validates_back()
    {
        await using var host = new HttpApiHost();

        using var response = await host.Http.GetAsync("/v1/default-scenario");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await Strict(response);
        var instance = body.RootElement.GetProperty("instance");
        var expected = InstanceJson.Default();
        Assert.Equal(InstanceJson.Fingerprint(expected), body.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal(expected.Countries.Select(c => c.Id), instance.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(expected.FormatVersion, instance.GetProperty("formatVersion").GetInt32());
        // Sent back as it came, the instance is the same instance (same fingerprint).
        using var validated = await host.Http.PostAsync("/v1/validate", Json($$"""{ "instance": {{instance.GetRawText()}} }"""));
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        using var check = await Strict(validated);
        Assert.Equal(InstanceJson.Fingerprint(expected), check.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal(expected.Horizon.Periods, check.RootElement.GetProperty("periods").GetInt32());
    }

    [Fact]
    public async Task An_invalid_instance_is_http_400_with_every_violation_named_by_its_field()
    {
        await using var host = new HttpApiHost();
        var broken = TinyJson.Replace("\"storageTonnes\": 1e6", "\"storageTonnes\": -5", StringComparison.Ordinal)
            .Replace("\"probability\": 0.5 },", "\"probability\": 0.25 },", StringComparison.Ordinal);

        using var response = await host.Http.PostAsync("/v1/solve", Json($$"""{ "instance": {{broken}} }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = await Strict(response);
        Assert.Equal(3, body.RootElement.GetProperty("code").GetInt32()); // google.rpc.Code.INVALID_ARGUMENT
        var badRequest = Assert.Single(body.RootElement.GetProperty("details").EnumerateArray(),
            d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest");
        var fields = badRequest.GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).Order();
        Assert.Equal(["countries[0].storageTonnes", "scenarios"], fields);
    }

    [Fact]
    public async Task A_job_is_started_read_listed_and_watched_over_http()
    {
        await using var host = new HttpApiHost();

        using var started = await host.Http.PostAsync("/v1/jobs:startSolve", Json($$"""{ "instance": {{TinyJson}}, "requestId": "http-job-1" }"""));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var job = await Strict(started);
        var name = job.RootElement.GetProperty("name").GetString()!;
        Assert.StartsWith("jobs/", name, StringComparison.Ordinal);

        // The event stream ends after the event that reports a terminal state.
        using var watched = await host.Http.GetAsync($"/v1/{name}:watch");
        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        var events = await watched.Content.ReadAsStringAsync();
        Assert.Contains("JOB_STATE_SUCCEEDED", events, StringComparison.Ordinal);

        using var got = await host.Http.GetAsync($"/v1/{name}");
        using var finished = await Strict(got);
        Assert.Equal("JOB_STATE_SUCCEEDED", finished.RootElement.GetProperty("state").GetString());
        Assert.Equal(InstanceJson.Fingerprint(TestInstances.Tiny()), finished.RootElement.GetProperty("result").GetProperty("fingerprint").GetString());

        using var listed = await host.Http.GetAsync("/v1/jobs?pageSize=10&state=JOB_STATE_SUCCEEDED");
        using var page = await Strict(listed);
        Assert.Contains(name, page.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));

        using var missing = await host.Http.GetAsync("/v1/jobs/no-such-job");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_api_key_guards_http_calls_as_it_guards_grpc_calls()
    {
        await using var host = new HttpApiHost(new Dictionary<string, string?> { ["Server:ApiKey"] = "k-123" });

        using var without = await host.Http.GetAsync("/v1/default-scenario");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/default-scenario") { Headers = { { "x-api-key", "k-123" } } };
        using var with = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_operation()
    {
        await using var host = new HttpApiHost();

        using var response = await host.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = await Strict(response);
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order().ToList();
        Assert.Equal(
            [
                "GET /v1/default-scenario", "GET /v1/jobs", "GET /v1/{name}", "GET /v1/{name}/analysis", "GET /v1/{name}:watch",
                "POST /v1/jobs:startCooperation", "POST /v1/jobs:startEvaluation", "POST /v1/jobs:startFrontier",
                "POST /v1/jobs:startSaa", "POST /v1/jobs:startSolve", "POST /v1/scenarios:generate", "POST /v1/solve", "POST /v1/validate", "POST /v1/{name}:cancel",
            ],
            operations);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    /// <summary>Parses the body with System.Text.Json's defaults: strict JSON (comments or trailing commas throw).</summary>
    private static async Task<JsonDocument> Strict(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The real server in-process with its own data directory, an HttpClient and a gRPC client to it.</summary>
    private sealed class HttpApiHost : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> factory;
        private readonly string directory = Directory.CreateTempSubdirectory("stockpile-http-test-").FullName;
        private readonly GrpcChannel channel;

        public HttpApiHost(IReadOnlyDictionary<string, string?>? settings = null)
        {
            factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Jobs:DataDirectory", directory);
                builder.UseSetting("Jobs:ShutdownGraceSeconds", "0");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    builder.UseSetting(key, value);
                }
            });
            Http = factory.CreateClient();
            Http.Timeout = TimeSpan.FromMinutes(2);
            channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new() { HttpHandler = factory.Server.CreateHandler() });
            Grpc = new V1.StockpileService.StockpileServiceClient(channel);
        }

        public HttpClient Http { get; }

        public V1.StockpileService.StockpileServiceClient Grpc { get; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await factory.DisposeAsync();
            channel.Dispose();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled SQLite handle may still be closing; the OS cleans temp later.
            }
        }
    }
}

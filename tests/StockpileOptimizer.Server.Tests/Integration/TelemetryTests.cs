using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Hosting;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Telemetry (docs/api.md, "Telemetry") as exported: the host's own OpenTelemetry setup, with
/// in-memory exporters added to its providers, read after a solve job over the real host.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class TelemetryTests
{
    /// <summary>Telemetry on; the periodic OTLP export never comes within a test (one hour), so the metrics read are the flushed ones.</summary>
    private static readonly Dictionary<string, string?> Enabled = new()
    {
        ["Telemetry:Enabled"] = "true",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "3600000",
    };

    [Fact]
    public async Task A_solve_job_exports_its_duration_split_its_activity_and_the_job_counts()
    {
        var metrics = new List<MetricSnapshot>();
        var activities = new List<Activity>();
        await using var host = new HookedHost(Enabled, services => services
            .ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(metrics))
            .ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(activities)));
        var client = new V1.StockpileService.StockpileServiceClient(host.Channel);

        var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny()));
        var events = await Jobs.WatchToEnd(client, job.Name);
        Assert.Equal(V1.JobState.Succeeded, events[^1].State);
        var id = job.Name["jobs/".Length..];
        var facts = (await host.Services.GetRequiredService<IJobService>().GetResultAsync(id, CancellationToken.None))!.Solver;
        // Collects into every exporter; the OTLP one has no collector to reach here, so the flush reports false.
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // The activity of this job's run carries its own numbers (recorded before SUCCEEDED is stored).
        var run = Assert.Single(activities, a => a.OperationName == Telemetry.SolveActivity && (string?)a.GetTagItem("stockpile.job.id") == id);
        Assert.Equal(facts.Termination.ToString(), run.GetTagItem("stockpile.solve.termination"));
        Assert.Equal(facts.Solver, run.GetTagItem("stockpile.solve.solver"));
        Assert.Equal(facts.SolveSeconds, run.GetTagItem("stockpile.solve.solver_time"));
        Assert.Equal(facts.BuildSeconds + facts.ExtractSeconds, run.GetTagItem("stockpile.solve.overhead"));
        Assert.Equal(facts.WallSeconds, run.Duration.TotalSeconds, 0.05);

        // Each histogram has a point tagged with this solve's termination and solver whose
        // range holds this solve's value (other solves in the process may share the point).
        var tags = new Dictionary<string, object?> { ["termination"] = facts.Termination.ToString(), ["solver"] = facts.Solver };
        AssertRecorded(metrics, "stockpile.solve.duration", tags, facts.WallSeconds);
        AssertRecorded(metrics, "stockpile.solve.solver_time", tags, facts.SolveSeconds);
        AssertRecorded(metrics, "stockpile.solve.overhead", tags, facts.BuildSeconds + facts.ExtractSeconds);

        // This host's store holds one job, SUCCEEDED; none is queued.
        var counts = Last(metrics, "stockpile.jobs").MetricPoints.ToDictionary(p => (string)Tags(p)["state"]!, p => p.GetGaugeLastValueLong());
        Assert.Equal(Enum.GetValues<JobState>().ToDictionary(s => s.ToString().ToUpperInvariant(), s => s == JobState.Succeeded ? 1L : 0L), counts);
        Assert.Equal(0, Assert.Single(Last(metrics, "stockpile.jobs.queue_depth").MetricPoints).GetGaugeLastValueLong());
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_solve_metrics_when_switched_on()
    {
        await using var host = new HookedHost(new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" });
        var client = new V1.StockpileService.StockpileServiceClient(host.Channel);
        var job = await client.StartSolveAsync(Jobs.Start(TestInstances.Tiny()));
        Assert.Equal(V1.JobState.Succeeded, (await Jobs.WatchToEnd(client, job.Name))[^1].State);

        using var http = host.Http();
        using var response = await http.GetAsync(TelemetrySetup.PrometheusPath);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("stockpile_solve_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("stockpile_jobs{", text, StringComparison.Ordinal);
        Assert.Contains("state=\"SUCCEEDED\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_is_off_by_default_and_metrics_is_not_found()
    {
        await using var host = new HookedHost();

        using var http = host.Http();
        using var response = await http.GetAsync(TelemetrySetup.PrometheusPath);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    private static void AssertRecorded(List<MetricSnapshot> metrics, string name, Dictionary<string, object?> tags, double value)
    {
        var point = Assert.Single(Last(metrics, name).MetricPoints, p => Tags(p).Count == tags.Count && tags.All(t => Equals(Tags(p).GetValueOrDefault(t.Key), t.Value)));
        Assert.True(point.GetHistogramCount() >= 1);
        Assert.True(point.TryGetHistogramMinMaxValues(out var min, out var max));
        Assert.InRange(value, min, max);
    }

    private static MetricSnapshot Last(List<MetricSnapshot> metrics, string name) => metrics.Last(m => m.Name == name);

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }
        return tags;
    }
}

using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>Client-side helpers shared by the integration tests.</summary>
internal static class Jobs
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static V1.StartSolveRequest Start(StockpileInstance instance, TimeSpan? timeLimit = null, string requestId = "")
    {
        var request = new V1.StartSolveRequest { Instance = DomainMapping.ToProto(instance), RequestId = requestId };
        if (timeLimit is { } limit)
        {
            request.Options = new V1.SolveOptions { TimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(limit) };
        }
        return request;
    }

    /// <summary>Every event after <paramref name="after"/> until the stream ends (terminal state).</summary>
    public static async Task<List<V1.JobEvent>> WatchToEnd(V1.StockpileService.StockpileServiceClient client, string name, long after = 0)
    {
        using var call = client.WatchJob(new V1.WatchJobRequest { Name = name, AfterSequence = after }, StockpileHost.Deadline(Patience));
        var events = new List<V1.JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
        {
            events.Add(e);
        }
        return events;
    }

    /// <summary>Watches until an event satisfies <paramref name="stop"/>; returns the events up to it.</summary>
    public static async Task<List<V1.JobEvent>> WatchUntil(
        V1.StockpileService.StockpileServiceClient client, string name, Func<V1.JobEvent, bool> stop, long after = 0)
    {
        using var cancel = new CancellationTokenSource(Patience);
        using var call = client.WatchJob(new V1.WatchJobRequest { Name = name, AfterSequence = after }, cancellationToken: cancel.Token);
        var events = new List<V1.JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            events.Add(e);
            if (stop(e))
            {
                return events;
            }
        }
        throw new InvalidOperationException($"the stream of {name} ended without the awaited event; got {events.Count} events");
    }

    /// <summary>The setting of a host whose solve jobs wait until cancelled or their time limit, without solving.</summary>
    public const string HoldKey = "Jobs:TestHoldSolvesUntilCancelled";

    /// <summary>Host settings: solve jobs held (<see cref="HoldKey"/>), and <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Held(IReadOnlyDictionary<string, string?>? more = null) =>
        new(more ?? new Dictionary<string, string?>()) { [HoldKey] = "true" };

    /// <summary>
    /// On a host with <see cref="Held"/> settings: starts a solve that cannot end before the test
    /// cancels it (held, 120 s limit) and returns once it is RUNNING, with that event.
    /// </summary>
    public static async Task<(V1.Job Job, V1.JobEvent Running)> StartHeldSolve(V1.StockpileService.StockpileServiceClient client)
    {
        var job = await client.StartSolveAsync(Start(TestInstances.Tiny(), TimeSpan.FromSeconds(120)));
        return (job, (await WatchUntilRunning(client, job.Name))[^1]);
    }

    public static Task<List<V1.JobEvent>> WatchUntilRunning(V1.StockpileService.StockpileServiceClient client, string name) =>
        WatchUntil(client, name, e => e.Kind == V1.JobEventKind.StateChange && e.State == V1.JobState.Running);
}

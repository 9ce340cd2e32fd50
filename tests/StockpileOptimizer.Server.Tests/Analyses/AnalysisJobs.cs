using System.Text.RegularExpressions;
using Google.Protobuf;
using StockpileOptimizer.Server.Tests.Integration;
using HostJobs = StockpileOptimizer.Server.Tests.Integration.Jobs;

namespace StockpileOptimizer.Server.Tests.Analyses;

/// <summary>Client-side helpers for the analysis integration tests.</summary>
internal static partial class AnalysisJobs
{
    public static V1.AnalysisService.AnalysisServiceClient Client(StockpileHost host) => new(host.Channel);

    /// <summary>
    /// A whole analysis job's events: numbered 1, 2, 3, … without gaps, QUEUED → RUNNING →
    /// <paramref name="end"/>, and one LOG event "k of N done: …" per finished solve, k counting
    /// up from 1 in order. Returns the progress lines.
    /// </summary>
    public static List<string> AssertEvents(IReadOnlyList<V1.JobEvent> events, V1.JobState end, int total, bool complete = true)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var states = events.Where(e => e.Kind == V1.JobEventKind.StateChange).Select(e => e.State).ToList();
        Assert.Equal([V1.JobState.Queued, V1.JobState.Running, end], states);
        Assert.Equal(end, events[^1].State);
        var progress = events.Where(e => e.Kind == V1.JobEventKind.Log).Select(e => e.Message).ToList();
        var counts = progress.Select(line =>
        {
            var match = ProgressLine().Match(line);
            Assert.True(match.Success, $"not a progress line: {line}");
            Assert.Equal(total, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }).ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
        if (complete)
        {
            Assert.Equal(total, counts.Count);
        }
        return progress;
    }

    /// <summary>Watches until the first progress event, i.e. the analysis is running and has finished a solve.</summary>
    public static Task<List<V1.JobEvent>> WatchUntilProgress(V1.StockpileService.StockpileServiceClient client, string name, int done = 1) =>
        HostJobs.WatchUntil(client, name, e => e.Kind == V1.JobEventKind.Log && e.Message.StartsWith($"{done} of ", StringComparison.Ordinal));

    /// <summary>A copy with every wall time zeroed: the one thing two runs of the same analysis do not share.</summary>
    public static T WithoutTimes<T>(T message) where T : IMessage<T>
    {
        var copy = message.Clone();
        switch (copy)
        {
            case V1.CooperationResult c:
                foreach (var coalition in c.Coalitions)
                {
                    coalition.WallSeconds = 0;
                }
                break;
            case V1.FrontierResult f:
                foreach (var point in f.Points)
                {
                    point.WallSeconds = 0;
                }
                break;
        }
        return copy;
    }

    [GeneratedRegex(@"^(\d+) of (\d+) done: .+")]
    private static partial Regex ProgressLine();
}

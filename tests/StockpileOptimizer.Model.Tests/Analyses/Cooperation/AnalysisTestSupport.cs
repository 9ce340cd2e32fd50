using System.Collections.Concurrent;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Tests.Analyses;

/// <summary>Records progress synchronously on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<AnalysisProgress>
{
    private readonly ConcurrentQueue<AnalysisProgress> reports = new();

    public IReadOnlyList<AnalysisProgress> Reports => reports.ToArray();

    public void Report(AnalysisProgress value) => reports.Enqueue(value);

    /// <summary>Reports count 1, 2, …, N of N, one per solve.</summary>
    public void AssertCountsUpTo(int total)
    {
        var reported = Reports;
        Assert.Equal(Enumerable.Range(1, total), reported.Select(r => r.Completed));
        Assert.All(reported, r => Assert.Equal(total, r.Total));
        Assert.All(reported, r => Assert.False(string.IsNullOrWhiteSpace(r.Item)));
    }
}

/// <summary>Solve options shared by the analysis tests: exact (gap 1e-9), nothing the analyses do not read.</summary>
internal static class AnalysisTesting
{
    public static readonly SolveOptions ExactSolve = new() { RelativeGap = 1e-9, ShadowPrices = false, DiagnoseInfeasibility = false };

    /// <summary>Results go out as JSON (gRPC mapping, job store): plain System.Text.Json, which refuses NaN and ∞, must take them.</summary>
    public static void AssertJsonFriendly<T>(T result) => Assert.False(string.IsNullOrEmpty(System.Text.Json.JsonSerializer.Serialize(result)));
}

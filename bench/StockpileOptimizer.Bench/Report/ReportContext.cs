using StockpileOptimizer.Bench.Measuring;

namespace StockpileOptimizer.Bench.Report;

/// <summary>A target of issue 7 and what this run measured against it.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool? Met);

/// <summary>One section of the report: its markdown and the targets it checked.</summary>
internal sealed record Section(string Markdown, IReadOnlyList<TargetCheck> Targets);

/// <summary>What every section shares: the mode, a scratch directory and a progress log on stderr.</summary>
internal sealed class ReportContext(bool quick, string scratch)
{
    public bool Quick => quick;
    public string Scratch => scratch;
    /// <summary>Longest any one child point may run before it is reported as not finished.</summary>
    public TimeSpan PointLimit => quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(6);

    public void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public async Task<(PointResult? Result, string? Error)> PointAsync(PointRequest request, string what)
    {
        Log(what);
        var outcome = await ChildProcess.RunAsync(request, PointLimit);
        if (outcome.Error is { } error)
        {
            Log($"  failed: {error}");
        }
        return outcome;
    }
}

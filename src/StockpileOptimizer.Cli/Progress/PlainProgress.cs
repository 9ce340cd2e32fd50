using System.Globalization;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Progress;

/// <summary>
/// Progress as plain lines on stderr, one per engine phase, new incumbent or finished solve:
/// <c>[   3.1 s] solve: incumbent $950,432,060, bound $949,100,000, gap 0.14 %</c>. Nothing with
/// <c>--quiet</c>. The solver's own log lines are left out (they are for solver developers).
/// </summary>
internal sealed class PlainProgress(TextWriter error, bool quiet) : IProgressDisplay
{
    private readonly Lock _gate = new();

    public Task<T> RunAsync<T>(string title, Func<ProgressSink, Task<T>> work) =>
        work(new ProgressSink(p => OnSolve(title, p), p => OnAnalysis(title, p)));

    private void OnSolve(string title, SolveProgress p)
    {
        switch (p.Kind)
        {
            case ProgressKind.Phase:
                Write(title, p.Elapsed, p.Message);
                break;
            case ProgressKind.Incumbent:
                Write(title, p.Elapsed, Incumbent(p));
                break;
        }
    }

    private void OnAnalysis(string title, AnalysisProgress p) =>
        Write(title, p.Elapsed, $"{p.Completed}/{p.Total} {p.Item}: {p.Message}");

    /// <summary>"incumbent $X, bound $Y, gap Z %, N nodes" from whatever the solver reported.</summary>
    public static string Incumbent(SolveProgress p)
    {
        var parts = new List<string>();
        if (p.Objective is { } objective)
        {
            parts.Add($"incumbent {Cells.Usd(objective)}");
        }
        if (p.BestBound is { } bound)
        {
            parts.Add($"bound {Cells.Usd(bound)}");
        }
        if (p.Gap is { } gap)
        {
            parts.Add($"gap {Cells.Percent(gap)}");
        }
        if (p.Nodes is { } nodes)
        {
            parts.Add($"{nodes.ToString("#,0", CultureInfo.InvariantCulture)} nodes");
        }
        return parts.Count == 0 ? p.Message : string.Join(", ", parts);
    }

    private void Write(string title, TimeSpan elapsed, string message)
    {
        if (quiet)
        {
            return;
        }
        lock (_gate)
        {
            error.WriteLine($"[{elapsed.TotalSeconds,7:0.0} s] {title}: {message}");
        }
    }
}

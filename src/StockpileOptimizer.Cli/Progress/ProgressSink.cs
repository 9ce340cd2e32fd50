using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Progress;

/// <summary>
/// Receives the engine's progress (of a solve, or of an analysis's solves) and hands it to the
/// display at once, on the reporting thread. (System.Progress would post to the thread pool
/// and could reorder the reports.)
/// </summary>
internal sealed class ProgressSink(Action<SolveProgress> solve, Action<AnalysisProgress> analysis)
    : IProgress<SolveProgress>, IProgress<AnalysisProgress>
{
    public void Report(SolveProgress value) => solve(value);

    public void Report(AnalysisProgress value) => analysis(value);
}

/// <summary>Shows progress while <c>work</c> runs: a live display on a terminal, plain lines on stderr otherwise.</summary>
internal interface IProgressDisplay
{
    Task<T> RunAsync<T>(string title, Func<ProgressSink, Task<T>> work);
}

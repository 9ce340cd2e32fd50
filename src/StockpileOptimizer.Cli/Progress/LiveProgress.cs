using Spectre.Console;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Progress;

/// <summary>
/// A live Spectre display for a terminal. A solve shows its phase, then the gap as it closes
/// (the last few values, so the trend is visible), the incumbent and the bound, with a bar
/// for the share of the gap closed; an analysis shows its solves done of the total and the
/// last one finished (a decomposition: its bar is the share of the gap closed).
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console) : IProgressDisplay
{
    private const int GapTrail = 5;

    public Task<T> RunAsync<T>(string title, Func<ProgressSink, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                task.IsIndeterminate = true;
                var state = new SolveState();
                var sink = new ProgressSink(p => OnSolve(task, title, state, p), p => OnAnalysis(task, title, p));
                try
                {
                    var result = await work(sink);
                    task.Description = Markup.Escape($"{title}: done") + (state.Gaps.Count > 0 ? Markup.Escape($" · gap {Trail(state)}") : "");
                    return result;
                }
                finally
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });

    /// <summary>The phase the solve is in and the last few gaps, so the display shows the trend.</summary>
    private sealed class SolveState
    {
        public string Phase { get; set; } = "";
        public Queue<double> Gaps { get; } = new();
    }

    private static void OnSolve(ProgressTask task, string title, SolveState state, SolveProgress p)
    {
        lock (state)
        {
            if (p.Kind == ProgressKind.Phase)
            {
                state.Phase = p.Message;
            }
            else if (p.Kind == ProgressKind.Incumbent && p.Gap is { } gap)
            {
                state.Gaps.Enqueue(gap);
                while (state.Gaps.Count > GapTrail)
                {
                    state.Gaps.Dequeue();
                }
                task.IsIndeterminate = false;
                task.Value = Math.Clamp(1 - gap, 0, 1);
            }
            else if (p.Kind != ProgressKind.Incumbent)
            {
                return;
            }
            var parts = new List<string> { state.Phase };
            if (state.Gaps.Count > 0)
            {
                parts.Add("gap " + Trail(state));
            }
            if (p.Kind == ProgressKind.Incumbent)
            {
                parts.Add(PlainProgress.Incumbent(p with { Gap = null }));
            }
            task.Description = Markup.Escape($"{title}: {string.Join(" · ", parts.Where(x => x.Length > 0))}");
        }
    }

    private static string Trail(SolveState state) => string.Join(" → ", state.Gaps.Select(g => Cells.Percent(g)));

    private static void OnAnalysis(ProgressTask task, string title, AnalysisProgress p)
    {
        lock (task)
        {
            task.IsIndeterminate = false;
            (task.MaxValue, task.Value) = p.Gap is { } gap ? (1, Math.Clamp(1 - gap, 0, 1)) : (Math.Max(1, p.Total), p.Completed);
            task.Description = Markup.Escape($"{title}: {p.Completed} of {p.Total} · {p.Item}: {p.Message}");
        }
    }
}

using System.Globalization;
using System.Threading.Channels;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Receives the engine's progress on the solver's thread and hands it on as event drafts
/// without blocking the solver: a channel that the worker drains into the store in batches.
/// Log lines beyond <see cref="MaxLogLines"/> per job are dropped (with one note saying so);
/// incumbents are never dropped.
/// </summary>
internal sealed class ProgressSink(TimeProvider time) : IProgress<SolveProgress>
{
    public const int MaxLogLines = 10_000;

    private readonly Channel<JobEventDraft> channel = Channel.CreateUnbounded<JobEventDraft>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private int logLines;

    public ChannelReader<JobEventDraft> Reader => channel.Reader;

    public void Report(SolveProgress value)
    {
        var draft = Map(value, time.GetUtcNow());
        if (draft.Kind == JobEventKind.Log)
        {
            var count = Interlocked.Increment(ref logLines);
            if (count > MaxLogLines + 1)
            {
                return;
            }
            if (count == MaxLogLines + 1)
            {
                draft = draft with { Message = $"more than {MaxLogLines} log lines; later ones are not kept" };
            }
        }
        channel.Writer.TryWrite(draft);
    }

    /// <summary>No more progress: the solve returned.</summary>
    public void Complete() => channel.Writer.TryComplete();

    /// <summary>
    /// Engine phases and solver log lines become log events; incumbents keep their numbers (USD,
    /// fraction), and so do log events that carry them (a decomposition's iterations: upper bound,
    /// lower bound, gap).
    /// </summary>
    public static JobEventDraft Map(SolveProgress progress, DateTimeOffset now) => progress.Kind switch
    {
        ProgressKind.Incumbent => new JobEventDraft(
            now, JobEventKind.Incumbent,
            progress.Message.Length > 0 ? progress.Message : Describe(progress),
            JobStates.Finite(progress.Objective), JobStates.Finite(progress.BestBound), JobStates.Finite(progress.Gap)),
        _ => new JobEventDraft(
            now, JobEventKind.Log, progress.Message,
            JobStates.Finite(progress.Objective), JobStates.Finite(progress.BestBound), JobStates.Finite(progress.Gap)),
    };

    private static string Describe(SolveProgress p) => string.Create(
        CultureInfo.InvariantCulture, $"incumbent {p.Objective:G8} USD, bound {p.BestBound:G8} USD, gap {p.Gap:P3}");
}

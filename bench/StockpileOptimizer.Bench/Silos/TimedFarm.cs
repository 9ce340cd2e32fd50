using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Bench.Silos;

/// <summary>
/// A farm that passes every call on and records when the farm was busy: a busy period runs
/// from the moment one call is in flight to the moment none is. A Benders iteration sends all
/// its batches at once and waits for all, so each busy period is one round of subproblems,
/// and the time between two rounds is the coordinator's own work (the master solve and the
/// cuts). Times are seconds since the farm was made. Releases are not counted.
/// </summary>
internal sealed class TimedFarm(ISolveFarm inner) : ISolveFarm
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private readonly List<(double Start, double End)> rounds = [];
    private int inFlight;
    private double busySince;

    public int Parallelism => inner.Parallelism;

    public double Now => clock.Elapsed.TotalSeconds;

    /// <summary>The busy periods so far, in order.</summary>
    public IReadOnlyList<(double Start, double End)> Rounds
    {
        get
        {
            lock (gate)
            {
                return [.. rounds];
            }
        }
    }

    public Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel) =>
        Timed(() => inner.SolveAsync(work, point, cancel));

    public Task ReleaseAsync(string problemId, int batches) => inner.ReleaseAsync(problemId, batches);

    public Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel) =>
        Timed(() => inner.EvaluateAsync(work, options, cancel));

    public Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel) =>
        Timed(() => inner.SolveAsync(instance, options, cancel));

    private async Task<T> Timed<T>(Func<Task<T>> call)
    {
        lock (gate)
        {
            if (inFlight++ == 0)
            {
                busySince = Now;
            }
        }
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                if (--inFlight == 0)
                {
                    rounds.Add((busySince, Now));
                }
            }
        }
    }
}

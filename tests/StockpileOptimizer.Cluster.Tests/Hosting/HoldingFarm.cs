using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Cluster.Tests.Hosting;

/// <summary>
/// A farm that passes everything to <paramref name="inner"/>, except that evaluation batches
/// after the first wait until <see cref="Open"/>: a test can act (kill a silo) between the first
/// batch's answer and the moment the others are sent, whatever the thread pool's timing.
/// </summary>
public sealed class HoldingFarm(ISolveFarm inner) : ISolveFarm
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Parallelism => inner.Parallelism;

    /// <summary>Lets the held batches go.</summary>
    public void Open() => gate.TrySetResult();

    public async Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Index > 0)
        {
            await gate.Task.WaitAsync(cancel);
        }
        return await inner.EvaluateAsync(work, options, cancel);
    }

    public Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel) => inner.SolveAsync(work, point, cancel);

    public Task ReleaseAsync(string problemId, int batches) => inner.ReleaseAsync(problemId, batches);

    public Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel) => inner.SolveAsync(instance, options, cancel);
}

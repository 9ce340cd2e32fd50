using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Model.Tests.Sampling;

/// <summary>A farm that hands every piece of work to a local farm; tests override the subproblem call to watch or alter it.</summary>
public abstract class PassThroughFarm(LocalSolveFarm inner) : ISolveFarm, IDisposable
{
    protected LocalSolveFarm Inner => inner;

    public int Parallelism => inner.Parallelism;

    public virtual Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel) => inner.SolveAsync(work, point, cancel);

    public Task ReleaseAsync(string problemId, int batches) => inner.ReleaseAsync(problemId, batches);

    public Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel) =>
        inner.EvaluateAsync(work, options, cancel);

    public Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel) =>
        inner.SolveAsync(instance, options, cancel);

    public void Dispose()
    {
        inner.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Collections.Concurrent;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The farm in this process: one warm <see cref="SubproblemWorker"/> per decomposition batch, a
/// warm recourse evaluator per evaluation batch, at most <see cref="Parallelism"/> pieces of
/// work at once on the thread pool.
/// </summary>
public sealed class LocalSolveFarm : ISolveFarm, IDisposable
{
    private readonly ConcurrentDictionary<(string Problem, int Index), Lazy<SubproblemWorker>> workers = new();
    private readonly SemaphoreSlim slots;

    public LocalSolveFarm(int parallelism)
    {
        Parallelism = Math.Max(1, parallelism);
        slots = new SemaphoreSlim(Parallelism, Parallelism);
    }

    public int Parallelism { get; }

    public async Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var worker = workers.GetOrAdd((work.ProblemId, work.Index), _ => new Lazy<SubproblemWorker>(() => new SubproblemWorker(work.Instance)));
            return await Task.Run(() => worker.Value.Solve(point, cancel), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    public async Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Evaluate(work, options, cancel), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The samples of a batch on one warm recourse LP (RecourseEvaluator), in order.</summary>
    public static IReadOnlyList<RecourseOutcome> Evaluate(BatchWork work, SolveOptions options, CancellationToken cancel)
    {
        var samples = work.Instance.Scenarios;
        using var evaluator = new RecourseEvaluator(work.Instance, options, samples[0]);
        return samples.Select(sample => evaluator.Evaluate(sample, cancel)).ToArray();
    }

    public async Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel)
    {
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => StockpileSolver.Solve(instance, options, cancel), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    public Task ReleaseAsync(string problemId, int batches)
    {
        for (var i = 0; i < batches; i++)
        {
            if (workers.TryRemove((problemId, i), out var worker) && worker.IsValueCreated)
            {
                worker.Value.Dispose();
            }
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var worker in workers.Values.Where(w => w.IsValueCreated))
        {
            worker.Value.Dispose();
        }
        workers.Clear();
        slots.Dispose();
    }
}

using System.Collections.Concurrent;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The subproblems in this process: one warm <see cref="SubproblemWorker"/> per batch, at most
/// <see cref="Parallelism"/> batches solving at once on the thread pool.
/// </summary>
public sealed class LocalSubproblemFarm : ISubproblemFarm, IDisposable
{
    private readonly ConcurrentDictionary<(string Problem, int Index), Lazy<SubproblemWorker>> workers = new();
    private readonly SemaphoreSlim slots;

    public LocalSubproblemFarm(int parallelism)
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

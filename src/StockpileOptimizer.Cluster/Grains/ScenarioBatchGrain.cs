using Microsoft.Extensions.Logging;
using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>
/// The batch's <see cref="SubproblemWorker"/>, kept from call to call while the activation
/// lives (Benders iterations re-solve from the previous basis). Not reentrant (Orleans'
/// default, deliberately no [Reentrant]): one call at a time, as the worker requires. The LP
/// runs on the thread pool, off Orleans' scheduler; the turn awaits it.
/// </summary>
[BatchSpreadPlacement]
internal sealed partial class ScenarioBatchGrain(ILogger<ScenarioBatchGrain> log) : Grain, IScenarioBatchGrain
{
    private SubproblemWorker? worker;

    public Task<BatchReply> Solve(double[]? point, CancellationToken cancel) =>
        worker is null ? Task.FromResult(BatchReply.NotPrepared) : RunAsync(worker, point, cancel);

    public async Task<BatchReply> Prepare(string batchJson, double[]? point, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchJson);
        Drop();
        var (problem, index) = BatchKey.Parse(this.GetPrimaryKeyString());
        var work = BatchWork.FromJson(problem, index, batchJson);
        worker = await Task.Run(() => new SubproblemWorker(work.Instance), CancellationToken.None).ConfigureAwait(true);
        log.WorkerBuilt(this.GetPrimaryKeyString(), worker.Samples);
        return await RunAsync(worker, point, cancel).ConfigureAwait(true);
    }

    public Task Release()
    {
        Drop();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Drop();
        return Task.CompletedTask;
    }

    private static async Task<BatchReply> RunAsync(SubproblemWorker worker, double[]? point, CancellationToken cancel) =>
        BatchReply.From(await Task.Run(() => worker.Solve(point, cancel), CancellationToken.None).ConfigureAwait(true));

    private void Drop()
    {
        worker?.Dispose();
        worker = null;
    }}

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>
/// One batch of an SAA problem, keyed "{problemId}/{index}" (<see cref="BatchKey"/>). An
/// activation keeps the batch's warm recourse LP (a SubproblemWorker) across calls. A fresh
/// activation (first call, or the batch's silo died and it was placed again) has none: then
/// <see cref="Solve"/> answers "not prepared" and the caller sends the batch with
/// <see cref="Prepare"/>. Calls run one at a time per activation (the grain is not reentrant).
/// Cancelling the token stops the LP at its next check (the answers say "cancelled"); the
/// caller's await ends at once with an <see cref="OperationCanceledException"/>.
/// </summary>
public interface IScenarioBatchGrain : IGrainWithStringKey
{
    /// <summary>Every scenario of the batch at the first-stage point (null: wait-and-see bounds), if this activation has the batch.</summary>
    [ResponseTimeout("00:30:00")]
    Task<BatchReply> Solve(double[]? point, CancellationToken cancel = default);

    /// <summary>Builds the batch's worker from its instance JSON (<c>BatchWork.ToJson</c>), replacing any, then solves as <see cref="Solve"/>.</summary>
    [ResponseTimeout("00:30:00")]
    Task<BatchReply> Prepare(string batchJson, double[]? point, CancellationToken cancel = default);

    /// <summary>Drops the worker and deactivates.</summary>
    Task Release();
}

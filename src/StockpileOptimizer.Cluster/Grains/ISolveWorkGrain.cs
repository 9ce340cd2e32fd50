namespace StockpileOptimizer.Cluster.Grains;

/// <summary>
/// One piece of one-shot work on the cluster, keyed "{id}/{n}" so that consecutive pieces are
/// spread over the silos (<see cref="BatchSpreadPlacement"/>): an evaluation batch (the samples
/// of a batch under a fixed policy, on one warm recourse LP) or a whole solve. Payloads and
/// answers are JSON (InstanceJson's options): the call is repeated as it is when its silo dies.
/// </summary>
public interface ISolveWorkGrain : IGrainWithStringKey
{
    /// <summary>The samples of the batch instance under the options' fixed policy: a JSON array of RecourseOutcome.</summary>
    [ResponseTimeout("01:00:00")]
    Task<string> Evaluate(string batchJson, string optionsJson, CancellationToken cancel = default);

    /// <summary>StockpileSolver.Solve of the instance: a SolveResult as JSON.</summary>
    [ResponseTimeout("01:00:00")]
    Task<string> Solve(string instanceJson, string optionsJson, CancellationToken cancel = default);
}

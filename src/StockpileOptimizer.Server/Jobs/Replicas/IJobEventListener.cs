namespace StockpileOptimizer.Server.Jobs;

/// <summary>Notices of stored events, in commit order, for one reader.</summary>
public interface IJobEventListener : IAsyncDisposable
{
    /// <summary>Notices until cancelled (then <see cref="OperationCanceledException"/>) or the connection is lost (<see cref="JobStoreException"/>).</summary>
    IAsyncEnumerable<JobEventNotice> ReadAllAsync(CancellationToken cancel);
}

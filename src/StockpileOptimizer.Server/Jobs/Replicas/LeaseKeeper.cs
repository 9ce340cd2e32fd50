using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Renews a replica's lease on a job it runs until the job's outcome is stored: at once, every
/// <see cref="RenewEvery"/> (a third of the lease, so that one renewal may fail and the next
/// still lands in time), and when a cancel notice pokes it. Every wait is on the given clock.
/// </summary>
internal sealed class LeaseKeeper(ISharedJobStore shared, string owner, JobReplicaOptions replica, TimeProvider time, ILogger logger)
{
    public TimeSpan RenewEvery => replica.Lease / 3;

    /// <summary>
    /// A cancel request stops the run (it stores CANCELLED with what it found). A lost lease, or
    /// renewals failing for so long that the lease would run out before the next one, stops it
    /// with nothing stored: another replica may have the job by then.
    /// </summary>
    public async Task KeepAsync(RunningJob run)
    {
        var heldSince = time.GetTimestamp();
        var cancelSeen = false;
        while (!run.Finished.IsCompleted)
        {
            var asked = time.GetTimestamp(); // the lease runs from after this
            LeaseStatus status;
            try
            {
                status = await shared.RenewLeaseAsync(run.Id, owner, replica.Lease, CancellationToken.None).ConfigureAwait(false);
                heldSince = asked;
            }
            catch (Exception e)
            {
                var lapses = time.GetElapsedTime(heldSince) + RenewEvery >= replica.Lease;
                logger.LeaseNotRenewed(run.Id, run.Fingerprint, lapses, e);
                status = lapses ? LeaseStatus.Lost : LeaseStatus.Held;
            }
            if (status == LeaseStatus.Lost)
            {
                if (!run.Finished.IsCompleted)
                {
                    logger.LeaseLost(run.Id, run.Fingerprint);
                    run.Stop(StopReason.Lost);
                }
                return;
            }
            if (status == LeaseStatus.CancelRequested && !cancelSeen)
            {
                cancelSeen = true;
                logger.CancelRequested(run.Id, JobState.Running, run.Fingerprint);
                run.Stop(StopReason.Cancelled);
            }
            await Task.WhenAny(run.Renewal.WaitAsync(RenewEvery, time, CancellationToken.None), run.Finished).ConfigureAwait(false);
        }
    }
}

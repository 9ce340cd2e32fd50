using System.Diagnostics;
using StockpileOptimizer.Cluster.Tests.Hosting;

namespace StockpileOptimizer.Bench.Silos;

/// <summary>What one kill -9 of a worker silo cost: when the others knew, and when its batches had answered again.</summary>
internal sealed record FailureTimes(
    double ProbeTimeoutSeconds, int MissedProbes, double NormalRoundSeconds, double DeclaredDeadSeconds, double RoundAfterKillSeconds,
    int Retries, int Preparations, int Batches);

/// <summary>
/// Orleans' failure detection, measured: two worker silos hold the warm batches of a small
/// decomposition (24 futures of the default instance in 6 batches, three on each), a round is
/// timed, then one worker is killed (SIGKILL) and at once the next round is sent. Measured from
/// the kill: when the coordinator's membership view no longer counts the killed silo as active
/// (declared dead by the survivors' votes), and when the round has every answer (the lost
/// batches' calls fail once the silo is declared dead, are retried, placed on the survivor and
/// prepared there again).
/// </summary>
internal static class FailureDetection
{
    public static async Task<FailureTimes> MeasureAsync(string connectionString, string scratch, TimeSpan probeTimeout, int missedProbes)
    {
        await using var cluster = await BenchCluster.StartAsync(connectionString, workers: 2, parallelism: 6, scratch, probeTimeout, missedProbes);
        var workload = FarmWorkload.DefaultInstance("kill-" + Guid.NewGuid().ToString("N"), samples: 24, batches: 6);
        var point = workload.Points[1];
        async Task Round() => await Task.WhenAll(workload.Batches.Select(b => cluster.Farm.SolveAsync(b, point, CancellationToken.None)));

        await Round(); // prepares every batch: its warm LP lives on its silo
        var clock = Stopwatch.StartNew();
        await Round();
        var normal = clock.Elapsed.TotalSeconds;
        var (retries, preparations) = (cluster.Farm.Retries, cluster.Farm.Preparations);

        clock.Restart();
        await cluster.Workers[0].KillHardAsync();
        var declared = Task.Run(async () =>
        {
            await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromMinutes(3));
            return clock.Elapsed.TotalSeconds;
        });
        var answered = Task.Run(async () =>
        {
            await Round();
            return clock.Elapsed.TotalSeconds;
        });
        await Task.WhenAll(declared, answered);
        await cluster.Farm.ReleaseAsync(workload.ProblemId, workload.Batches.Count);
        return new FailureTimes(probeTimeout.TotalSeconds, missedProbes, normal, await declared, await answered,
            cluster.Farm.Retries - retries, cluster.Farm.Preparations - preparations, workload.Batches.Count);
    }
}

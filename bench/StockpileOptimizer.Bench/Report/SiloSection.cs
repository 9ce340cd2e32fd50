using StockpileOptimizer.Model.Sampling;
using StockpileOptimizer.Bench.Silos;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// Section 7: the same SAA and evaluation on 1, 2 and 3 worker silos (server processes, each
/// pinned to one core) coordinated by this process, side by side in one run: speed-up,
/// efficiency, the coordinator's time per iteration, an Amdahl fit and its projection, and
/// how long a silo killed with SIGKILL takes to be declared dead and its batches re-run.
/// Needs PostgreSQL for the membership table (<see cref="BenchPostgres"/>); without one the
/// section says so and the report goes on.
/// </summary>
internal static class SiloSection
{
    private const int Parallelism = 6;
    private static readonly int[] Silos = [1, 2, 3];
    private static readonly int[] Projected = [4, 8, 16, 32];

    public static async Task<Section> RunAsync(ReportContext context)
    {
        var loadBefore = SiloRuns.Load();
        var (database, why) = await BenchPostgres.OpenAsync(context.Log);
        if (database is null)
        {
            context.Log($"silos: not run ({why})");
            return new Section($"## 7. Silos\n\nNot run: no PostgreSQL ({why}). Set `{BenchPostgres.Variable}` or run from the repository (`.ci/postgres.sh` starts one).\n", []);
        }
        await using (database)
        {
            return await MeasureAsync(context, database, loadBefore);
        }
    }

    private static async Task<Section> MeasureAsync(ReportContext context, BenchPostgres database, string loadBefore)
    {
        var (samples, iterations, evaluated) = context.Quick ? (40, 3, 200) : (200, 12, 2_000);
        var cores = Environment.ProcessorCount;
        context.Log("silos: the default plan, and a warm-up of the coordinator's paths");
        var plan = SiloRuns.DefaultPlan();
        SiloRuns.WarmUp(plan);
        var allSaa = new List<SiloRun>();
        var allEvaluation = new List<SiloRun>();
        // Full: two passes, 1-2-3 then 3-2-1 (so drift in the machine's load falls on both ends), the faster of each kept.
        var order = context.Quick ? Silos : [.. Silos, .. Silos.Reverse()];
        foreach (var workers in order)
        {
            context.Log($"silos: starting {workers} worker silo(s)");
            await using var cluster = await BenchCluster.StartAsync(database.ConnectionString, workers, Parallelism, context.Scratch, TimeSpan.FromSeconds(5), 3);
            context.Log($"silos: SAA of {samples} samples, {iterations} iterations, on {workers}");
            allSaa.Add(await Task.Run(() => SiloRuns.Saa(cluster.Farm, workers, samples, iterations)));
            context.Log($"silos: evaluation of {evaluated} samples on {workers}");
            allEvaluation.Add(await Task.Run(() => SiloRuns.Evaluation(cluster.Farm, workers, plan, evaluated)));
        }
        var saa = Best(allSaa);
        var evaluation = Best(allEvaluation);
        var failures = new List<FailureTimes>();
        foreach (var (timeout, missed) in context.Quick ? [(5.0, 3)] : new[] { (5.0, 3), (2.0, 3) })
        {
            context.Log($"silos: kill -9 of a worker, probes {timeout} s × {missed}");
            failures.Add(await FailureDetection.MeasureAsync(database.ConnectionString, context.Scratch, TimeSpan.FromSeconds(timeout), missed));
        }
        var loadAfter = SiloRuns.Load();

        double Cores(int workers) => Math.Min(workers, cores);
        var fits = new[] { ("SAA (Benders)", saa), ("evaluation", evaluation) }.SelectMany(w =>
        {
            var (name, runs) = w;
            var fitted = SiloRuns.SerialFraction(runs.Skip(1).Select(r => (Cores(r.Workers), runs[0].WallSeconds / r.WallSeconds)));
            var measured = runs[0].CoordinatorSeconds / runs[0].WallSeconds;
            return new[] { (name + ", fitted", fitted), (name + ", coordinator share on 1 silo", measured) }.Select(p =>
                (IReadOnlyList<string>)[p.Item1, F($"{p.Item2:0.000}"), .. Projected.Select(n => Ratio(SiloRuns.Amdahl(p.Item2, n))), Ratio(1 / p.Item2)]);
        }).ToArray();
        var sameSaa = allSaa.All(r => r.Answer == allSaa[0].Answer);
        var sameEvaluation = allEvaluation.All(r => r.Answer == allEvaluation[0].Answer);

        var markdown = F($$"""
            ## 7. Silos

            The same work on 1, 2 and 3 worker silos, side by side in one run. Each worker is the
            real server (`StockpileOptimizer.Server.dll`) as a process of its own, {{(BenchCluster.Pinned ? "" : "**not** ")}}pinned to one core
            with `taskset` (worker i on core i mod {{cores}}), as one single-core machine per silo;
            the coordinator is a silo in the benchmark's process that hosts no grain (its farm,
            `OrleansSolveFarm` with {{Parallelism}} calls in flight, sends every batch to the
            workers). ADO.NET clustering on PostgreSQL ({{database.Source}}), a fresh schema.
            This machine has {{cores}} cores, so 2 silos can at best be 2× one, and 3 silos share
            the same 2 cores (their ideal is also 2×): speed-up is against 1 silo, efficiency is
            speed-up / min(silos, {{cores}}). The machine is shared: load average {{loadBefore}}
            (1 / 5 / 15 min) before the section and {{loadAfter}} after; ratios within this run
            are what to compare. {{(context.Quick ? "One run per silo count." : "Each silo count ran twice, in the order 1, 2, 3, 3, 2, 1; the faster run is shown, the other beside it.")}}

            **SAA by Benders**: `SaaAnalysis.Run` on {{samples}} futures of the default instance
            (seed 7), a gap target no run reaches, so every run does the same {{iterations}}
            iterations ({{saa[0].Rounds.Count}} rounds of subproblems in all, with those of the start
            ladder's {{samples / SaaAnalysis.LadderRatio}}-sample rung, the wait-and-see bounds and the start plan's).
            *Subproblems per iteration*: the mean of the last {{iterations}} rounds, from the first
            batch sent to the last answer; *coordinator per iteration*: the mean time between
            those rounds, when no batch is in flight (master solve, cuts); *set-up*: sampling and
            the extensive form of 5 samples that starts the rung, before the first round. Measured by
            timing every farm call from the coordinator (the engine is not instrumented).

            {{Table(["silos", "wall", "other run", "speed-up", "efficiency", "subproblems per iteration", "coordinator per iteration", "set-up", "coordinator share", "objective / bound (USD)", "retries"],
                saa.Select(r => (IReadOnlyList<string>)[Count(r.Workers), Seconds(r.WallSeconds), Others(allSaa, r), Ratio(saa[0].WallSeconds / r.WallSeconds),
                    Percent1(saa[0].WallSeconds / r.WallSeconds / Cores(r.Workers)), Seconds(Mean(r.IterationRounds)), Seconds(Mean(r.IterationGaps)),
                    Seconds(r.SetupSeconds), Percent1(r.CoordinatorSeconds / r.WallSeconds), r.Answer, Count(r.Retries)]))}}
            {{(sameSaa ? "Every run found the same plan value and bound." : "**The runs' answers differ.**")}}

            **Out-of-sample evaluation**: `EvaluationAnalysis.Run` of the default instance's
            optimal plan on {{evaluated:N0}} sampled futures (seed 11) with the farm: batches of 50
            samples, each on a one-shot work grain with a warm recourse LP.

            {{Table(["silos", "wall", "other run", "samples / s", "speed-up", "efficiency", "coordinator alone", "mean cost (USD)", "retries"],
                evaluation.Select(r => (IReadOnlyList<string>)[Count(r.Workers), Seconds(r.WallSeconds), Others(allEvaluation, r), F($"{evaluated / r.WallSeconds:0.0}"),
                    Ratio(evaluation[0].WallSeconds / r.WallSeconds), Percent1(evaluation[0].WallSeconds / r.WallSeconds / Cores(r.Workers)),
                    Seconds(r.CoordinatorSeconds), r.Answer, Count(r.Retries)]))}}
            {{(sameEvaluation ? "Every run gave the same mean cost." : "**The runs' answers differ.**")}}

            **Amdahl projection** to N single-core machines, S(N) = 1 / (f + (1 − f)/N), from two
            serial fractions f: *fitted* by least squares on 1/S = f + (1 − f)/N over the runs on
            2 and 3 silos (N = cores used: 2 for both; clamped to [0, 1]), and the *coordinator
            share on 1 silo*, the part of the 1-silo wall time with no farm call in flight. The
            fit carries whatever held the measured speed-ups down, the machine's load included;
            the share is the coordinator's own serial work, and leaves out what grows with the
            cluster (calls, serialisation), so it is a ceiling, not a promise.

            {{Table(["workload, f from", "f", .. Projected.Select(n => F($"N = {n}")), "limit 1/f"], fits)}}
            **Failure detection** (Orleans membership, kill -9): two workers hold the warm batches
            of a small decomposition (24 futures in 6 batches); one is killed and the next round
            sent at once. *Declared dead*: until the coordinator's membership view no longer counts
            it active; *round answered*: until every batch answered again (lost calls retried,
            batches placed on the survivor and prepared there anew).

            {{Table(["probe timeout × missed probes", "normal round", "declared dead after", "round answered after", "calls retried", "batches prepared again"],
                failures.Select(t => (IReadOnlyList<string>)[F($"{t.ProbeTimeoutSeconds:0} s × {t.MissedProbes}"), Seconds(t.NormalRoundSeconds),
                    Seconds(t.DeclaredDeadSeconds), Seconds(t.RoundAfterKillSeconds), Count(t.Retries), F($"{t.Preparations} of {t.Batches}")]))}}
            """);
        var targets = new List<TargetCheck>
        {
            new("SAA and evaluation give the same answer on 1, 2 and 3 silos",
                sameSaa && sameEvaluation ? "same" : F($"SAA {string.Join(" | ", allSaa.Select(r => r.Answer))}; evaluation {string.Join(" | ", allEvaluation.Select(r => r.Answer))}"),
                sameSaa && sameEvaluation),
        };
        return new Section(markdown, targets);
    }

    /// <summary>Per silo count, the run with the shortest wall time.</summary>
    private static List<SiloRun> Best(IEnumerable<SiloRun> runs) =>
        [.. runs.GroupBy(r => r.Workers).OrderBy(g => g.Key).Select(g => g.MinBy(r => r.WallSeconds)!)];

    /// <summary>The other runs' wall times on as many silos as <paramref name="run"/> ("–" when there was one).</summary>
    private static string Others(IEnumerable<SiloRun> all, SiloRun run) =>
        string.Join(", ", all.Where(r => r.Workers == run.Workers && !ReferenceEquals(r, run)).Select(r => Seconds(r.WallSeconds))) is { Length: > 0 } t ? t : "–";

    private static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private static string Percent1(double fraction) => double.IsFinite(fraction) ? F($"{fraction * 100:0} %") : "–";
}

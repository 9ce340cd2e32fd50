using StockpileOptimizer.Bench.Measuring;
using StockpileOptimizer.Domain;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// Section 6: SAA of the default instance at 100, 1,000 and 10,000 sampled futures, Benders
/// against the extensive form where it fits, each point in a child process of its own (its
/// peak memory is its own) with a longer limit than the other sections' points.
/// </summary>
internal static class SaaSection
{
    public static async Task<Section> RunAsync(ReportContext context)
    {
        var sizes = context.Quick ? new[] { 20, 100 } : [100, 300, 1_000, 10_000];
        var rows = new List<IReadOnlyList<string>>();
        var results = new Dictionary<(int, SaaMethod), PointResult?>();
        foreach (var n in sizes)
        {
            foreach (var method in new[] { SaaMethod.Benders, SaaMethod.Extensive })
            {
                if (method == SaaMethod.Extensive && n > ExtensiveLimit)
                {
                    rows.Add([Count(n), "extensive", F($"not run: {n * VariablesPerSample / 1e6:0.#} million variables"), "", "", "", "", "", ""]);
                    continue;
                }
                if (method == SaaMethod.Benders && n == 300)
                {
                    continue;
                }
                var limit = Limit(context, n);
                context.Log($"SAA, {n:N0} samples, {method} (limit {limit.TotalMinutes:0} min)");
                var (result, error) = await ChildProcess.RunAsync(new PointRequest
                {
                    Kind = PointKind.Saa, Samples = n, Method = method, SaaGap = n >= 10_000 ? 1e-2 : 1e-3,
                    SaaTimeLimit = limit - TimeSpan.FromMinutes(1),
                }, limit);
                results[(n, method)] = result;
                rows.Add(result is null
                    ? [Count(n), Name(method), error ?? "failed", "", "", "", "", "", ""]
                    : [Count(n), Name(method), result.Termination, F($"{result.Objective:N0}"), F($"{result.Gap * 100:0.000} %"),
                        Seconds(result.SecondsToOnePercent), Seconds(result.SecondsToTenthPercent),
                        method == SaaMethod.Benders ? Count(result.Iterations) : "–", MiB(result.PeakWorkingSetBytes)]);
            }
        }
        var markdown = F($$"""
            ## 6. SAA of the default instance

            `SaaAnalysis.Run` on the default instance with N futures sampled from
            `ScenarioDistribution.Default` (seed 7), gap target 0.1 % (1 % at 10,000), 2 solver threads (Benders:
            two subproblem batches at once in process; extensive form: SCIP, which keeps to one thread), each
            point in a fresh child process. Benders times to a gap are the first integer-phase
            iteration at or below it (docs/sampling.md); the extensive form's is its whole solve.
            The extensive form runs up to {{ExtensiveLimit}} samples (beyond, its model does not fit
            beside the other processes of this machine). Limits: 100 samples {{Limit(context, 100).TotalMinutes:0}} min, 300 {{Limit(context, 300).TotalMinutes:0}} min, 1,000 {{Limit(context, 1000).TotalMinutes:0}} min,
            10,000 {{Limit(context, 10000).TotalMinutes:0}} min.

            {{Table(["samples", "method", "termination", "objective (USD)", "gap", "to 1 %", "to 0.1 %", "iterations", "peak memory"], rows)}}
            """);
        var targets = new List<TargetCheck>();
        if (!context.Quick)
        {
            var benders = results.GetValueOrDefault((1_000, SaaMethod.Benders));
            var extensive = results.GetValueOrDefault((1_000, SaaMethod.Extensive));
            // The extensive form of 1,000 is not run (memory); of 300 it is a lower bound on its time at 1,000.
            var extensive300 = results.GetValueOrDefault((300, SaaMethod.Extensive));
            var extensiveTime = extensive?.SecondsToTenthPercent ?? extensive300?.SecondsToTenthPercent ?? double.PositiveInfinity;
            targets.Add(new TargetCheck(
                "1,000 samples to ≤ 0.1 % gap faster than the extensive form",
                F($"Benders {Seconds(benders?.SecondsToTenthPercent ?? double.NaN)} at 1,000; extensive form {(extensive300 is null ? "did not finish" : Seconds(extensive300.SecondsToTenthPercent))} already at 300 (1,000 not run: memory)"),
                benders is { } b && double.IsFinite(b.SecondsToTenthPercent) && b.SecondsToTenthPercent < extensiveTime));
            var large = results.GetValueOrDefault((10_000, SaaMethod.Benders));
            targets.Add(new TargetCheck(
                "10,000 samples to ≤ 1 % gap in under 10 minutes on 2 cores",
                large is null ? "did not finish" : F($"{Seconds(large.SecondsToOnePercent)} ({large.Iterations} iterations)"),
                large is { } l && l.SecondsToOnePercent < 600));
        }
        return new Section(markdown, targets);
    }

    /// <summary>
    /// Largest sample the extensive form is run on: 300 samples is about 0.7 million variables;
    /// 1,000 would be 2.4 million, tens of GiB with SCIP on this machine, which the other
    /// processes on it share.
    /// </summary>
    private const int ExtensiveLimit = 300;

    /// <summary>Variables per sample of the default instance's extensive form (ModelSizeEstimate, about 2,400).</summary>
    private static readonly long VariablesPerSample =
        StockpileOptimizer.Model.ModelSizeEstimate.Of(InstanceJson.Default()).Variables / Math.Max(1, InstanceJson.Default().Scenarios.Count);

    private static string Name(SaaMethod method) => method == SaaMethod.Benders ? "benders" : "extensive";

    private static TimeSpan Limit(ReportContext context, int samples) =>
        context.Quick ? context.PointLimit : TimeSpan.FromMinutes(samples switch { <= 100 => 6, <= 300 => 8, <= 1_000 => 12, _ => 15 });
}

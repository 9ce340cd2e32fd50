using StockpileOptimizer.Bench.Instances;
using StockpileOptimizer.Bench.Measuring;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>Section 2: time and memory of the risk-neutral LP against scenarios and against periods.</summary>
internal static class ScalingSection
{
    private const long TwoGiB = 2L * 1024 * 1024 * 1024;

    private sealed record Row(GeneratorSpec Spec, PointResult? Scip, PointResult? Highs, PointResult? Glop, string? Error);

    public static async Task<Section> RunAsync(ReportContext context)
    {
        var baseSpec = new GeneratorSpec { Countries = 2, Materials = 4, Periods = 8, ProducersPerCountry = 2 };
        int[] scenarios = context.Quick ? [10, 100] : [10, 100, 1000];
        int[] periods = context.Quick ? [4] : [4, 8, 16, 32];
        var byScenarios = new List<Row>();
        foreach (var count in scenarios)
        {
            byScenarios.Add(await MeasureAsync(context, baseSpec with { Scenarios = count }));
        }
        var byPeriods = new List<Row>();
        foreach (var count in periods)
        {
            byPeriods.Add(await MeasureAsync(context, baseSpec with { Periods = count, Scenarios = 50 }));
        }
        return new Section(Render(byScenarios, byPeriods), Targets(byScenarios, context));
    }

    /// <summary>
    /// The engine with SCIP (its default) and with HiGHS; then the engine again with HiGHS' plan
    /// fixed, which makes it solve the same-size LP by GLOP (only the 16 first-stage columns fixed).
    /// </summary>
    private static async Task<Row> MeasureAsync(ReportContext context, GeneratorSpec spec)
    {
        var label = BenchInstances.Label(spec) + " LP";
        var plan = Path.Combine(context.Scratch, $"plan-{Guid.NewGuid():N}.json");
        try
        {
            var (scip, scipError) = await context.PointAsync(new PointRequest { Kind = PointKind.Engine, Spec = spec, Lp = true }, $"engine SCIP {label}");
            var (highs, highsError) = await context.PointAsync(
                new PointRequest { Kind = PointKind.Engine, Spec = spec, Lp = true, Solver = MipSolver.Highs, WritePolicyTo = plan }, $"engine HiGHS {label}");
            var (glop, glopError) = highs is null
                ? (null, "no plan to fix (the HiGHS run failed)")
                : await context.PointAsync(new PointRequest { Kind = PointKind.Engine, Spec = spec, Lp = true, FixPolicyFrom = plan }, $"engine GLOP (plan fixed) {label}");
            var errors = new[] { ("SCIP", scipError), ("HiGHS", highsError), ("GLOP", glopError) }
                .Where(e => e.Item2 is not null).Select(e => $"{e.Item1}: {e.Item2}").ToArray();
            return new Row(spec, scip, highs, glop, errors.Length == 0 ? null : string.Join("; ", errors));
        }
        finally
        {
            File.Delete(plan);
        }
    }

    private static string Render(List<Row> byScenarios, List<Row> byPeriods) => $$"""
        ## 2. Scaling of the risk-neutral LP

        The generated instance stripped to its LP (no private-stock responses, so no tier
        binaries; no investments; λ = 0), through the engine three ways: with its default
        solver SCIP (which solves an LP as a MIP without integers), with HiGHS (selectable
        today), and with HiGHS' plan passed as `FixedPolicy`, which makes the engine solve the
        same LP (first-stage columns fixed, every recourse column and row kept) with GLOP — what
        routing integer-free models to an LP solver would cost. Times are the engine's wall
        time; **peak** is the peak working set of the fresh process (baseline included);
        **built** is the working set when the model was built, before the solver ran (HiGHS run).

        ### Against scenarios (2c×4m×8t×…s×2p)

        {{Table(Header("scenarios"), byScenarios.Select(r => Cells(r, r.Spec.Scenarios)))}}
        ### Against periods (2c×4m×…t×50s×2p)

        {{Table(Header("periods"), byPeriods.Select(r => Cells(r, r.Spec.Periods)))}}
        {{string.Join('\n', byScenarios.Concat(byPeriods).Where(r => r.Error is not null).Select(r => $"- {BenchInstances.Label(r.Spec)}: {r.Error}"))}}
        """;

    private static IReadOnlyList<string> Header(string axis) =>
        [axis, "variables", "rows", "built", "SCIP wall", "SCIP peak", "HiGHS wall", "HiGHS peak", "GLOP wall", "GLOP peak", "SCIP / GLOP time"];

    private static IReadOnlyList<string> Cells(Row r, int axis)
    {
        var facts = r.Scip ?? r.Highs;
        return
        [
            Count(axis), facts is null ? "–" : Count(facts.Variables), facts is null ? "–" : Count(facts.Rows), MiB(r.Highs?.BuiltWorkingSetBytes ?? 0),
            Seconds(r.Scip?.WallSeconds ?? double.NaN), MiB(r.Scip?.PeakWorkingSetBytes ?? 0),
            Seconds(r.Highs?.WallSeconds ?? double.NaN), MiB(r.Highs?.PeakWorkingSetBytes ?? 0),
            Seconds(r.Glop?.WallSeconds ?? double.NaN), MiB(r.Glop?.PeakWorkingSetBytes ?? 0),
            Ratio(r.Scip is { } s && r.Glop is { } g ? s.WallSeconds / g.WallSeconds : double.NaN),
        ];
    }

    private static List<TargetCheck> Targets(List<Row> byScenarios, ReportContext context)
    {
        var thousand = byScenarios.FirstOrDefault(r => r.Spec.Scenarios == 1000);
        if (thousand?.Scip is not { } scip)
        {
            return [new("A 1,000-scenario LP within 2 GiB", context.Quick ? "not measured in --quick" : $"did not complete: {thousand?.Error}", null)];
        }
        var measured = F($"engine peak {MiB(scip.PeakWorkingSetBytes)} with SCIP (default), {scip.Variables:N0} variables")
            + (thousand.Highs is { } highs ? F($"; {MiB(highs.PeakWorkingSetBytes)} with HiGHS") : "")
            + (thousand.Glop is { } glop ? F($"; {MiB(glop.PeakWorkingSetBytes)} with GLOP (plan fixed)") : "");
        return [new("A 1,000-scenario LP within 2 GiB", measured, scip.PeakWorkingSetBytes <= TwoGiB)];
    }
}

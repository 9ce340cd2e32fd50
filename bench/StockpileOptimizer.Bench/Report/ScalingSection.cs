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

    public static async Task<Section> RunAsync(ReportContext context)
    {
        var baseSpec = new GeneratorSpec { Countries = 2, Materials = 4, Periods = 8, ProducersPerCountry = 2 };
        int[] scenarios = context.Quick ? [10, 100] : [10, 100, 1000];
        int[] periods = context.Quick ? [4] : [4, 8, 16, 32];
        var byScenarios = new List<(GeneratorSpec Spec, Pair? Pair, string? Error)>();
        foreach (var count in scenarios)
        {
            byScenarios.Add(await MeasureAsync(context, baseSpec with { Scenarios = count }));
        }
        var byPeriods = new List<(GeneratorSpec Spec, Pair? Pair, string? Error)>();
        foreach (var count in periods)
        {
            byPeriods.Add(await MeasureAsync(context, baseSpec with { Periods = count, Scenarios = 50 }));
        }
        return new Section(Render(byScenarios, byPeriods), Targets(byScenarios, context));
    }

    /// <summary>The engine (which gives an LP to GLOP), then its exported MPS solved by GLOP alone.</summary>
    private static async Task<(GeneratorSpec Spec, Pair? Pair, string? Error)> MeasureAsync(ReportContext context, GeneratorSpec spec)
    {
        var (pair, error) = await PairMeasurement.RunAsync(context, spec, lp: true, repeatBelowSeconds: 1);
        return (spec, pair, error);
    }

    private static string Render(
        List<(GeneratorSpec Spec, Pair? Pair, string? Error)> byScenarios, List<(GeneratorSpec Spec, Pair? Pair, string? Error)> byPeriods) => $$"""
        ## 2. Scaling of the risk-neutral LP

        The generated instance stripped to its LP (no private-stock responses, so no tier
        binaries; no investments; λ = 0). The engine gives a model without binaries to GLOP
        whatever MIP solver is selected (one solve; before, SCIP solved it as a MIP without
        integers: 187.7 s and 3,373 MiB at 1,000 scenarios on 2026-11-23). **Engine** is
        `StockpileSolver.Solve` in a fresh process (no shadow prices); **GLOP alone** is its
        exported MPS solved by GLOP through OR-Tools ModelBuilder (the solve call; parsing apart).
        **Peak** is the peak working set of the fresh process (baseline included); **built** is
        the engine's working set when the model was built, before GLOP ran. Points under 1 s ran
        three times (median shown).

        ### Against scenarios (2c×4m×8t×…s×2p)

        {{Table(Header("scenarios"), byScenarios.Select(r => Cells(r.Pair, r.Spec.Scenarios)))}}
        ### Against periods (2c×4m×…t×50s×2p)

        {{Table(Header("periods"), byPeriods.Select(r => Cells(r.Pair, r.Spec.Periods)))}}
        {{string.Join('\n', byScenarios.Concat(byPeriods).Where(r => r.Error is not null).Select(r => $"- {BenchInstances.Label(r.Spec)}: {r.Error}"))}}
        """;

    private static IReadOnlyList<string> Header(string axis) =>
        [axis, "variables", "rows", "built", "engine wall", "engine peak", "GLOP alone", "GLOP alone peak", "MPS parse", "overhead", "objective Δ"];

    private static IReadOnlyList<string> Cells(Pair? p, int axis) => p is null
        ? [Count(axis), "–", "–", "–", "–", "–", "–", "–", "–", "–", "–"]
        :
        [
            Count(axis), Count(p.Engine.Variables), Count(p.Engine.Rows), MiB(p.Engine.BuiltWorkingSetBytes),
            Seconds(p.Engine.WallSeconds), MiB(p.Engine.PeakWorkingSetBytes),
            Seconds(p.Alone.SolveSeconds), MiB(p.Alone.PeakWorkingSetBytes), Seconds(p.Alone.ImportSeconds),
            Percent(p.Overhead), F($"{p.ObjectiveDifference:0.0e+0}"),
        ];

    private static List<TargetCheck> Targets(List<(GeneratorSpec Spec, Pair? Pair, string? Error)> byScenarios, ReportContext context)
    {
        var thousand = byScenarios.FirstOrDefault(r => r.Spec.Scenarios == 1000);
        if (thousand.Pair is not { } pair)
        {
            return [new("A 1,000-scenario LP within 2 GiB", context.Quick ? "not measured in --quick" : $"did not complete: {thousand.Error}", null)];
        }
        var measured = F($"engine peak {MiB(pair.Engine.PeakWorkingSetBytes)} ({Seconds(pair.Engine.WallSeconds)}, GLOP), {pair.Engine.Variables:N0} variables; GLOP alone {MiB(pair.Alone.PeakWorkingSetBytes)}");
        return [new("A 1,000-scenario LP within 2 GiB", measured, pair.Engine.PeakWorkingSetBytes <= TwoGiB)];
    }
}

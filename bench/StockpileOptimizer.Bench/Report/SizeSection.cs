using StockpileOptimizer.Bench.Instances;
using StockpileOptimizer.Domain;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>Section 1: instances of growing size, the engine against its solver alone on the same model.</summary>
internal static class SizeSection
{
    /// <summary>Each step grows countries, materials, periods, scenarios or producers; the last MIP is about 200k variables.</summary>
    private static readonly GeneratorSpec[] Ladder =
    [
        new() { Countries = 1, Materials = 2, Periods = 4, Scenarios = 5, ProducersPerCountry = 1, Investments = 1, Tiers = 3 },
        new() { Countries = 2, Materials = 4, Periods = 8, Scenarios = 10, ProducersPerCountry = 2 },
        new() { Countries = 2, Materials = 5, Periods = 12, Scenarios = 30, ProducersPerCountry = 3 },
        new() { Countries = 3, Materials = 6, Periods = 16, Scenarios = 40, ProducersPerCountry = 3 },
        new() { Countries = 2, Materials = 4, Periods = 20, Scenarios = 110, ProducersPerCountry = 2 },
    ];

    /// <summary>The ~200k-variable point, also as its risk-neutral LP.</summary>
    private static GeneratorSpec Large => Ladder[^1];

    /// <summary>
    /// The same point as a model v2 instance (recipes, holdings, trade and tariffs, the shortage
    /// rule's release limits, top-up contracts, the economy view: InstanceGenerator.V2), MIP and LP.
    /// </summary>
    private static GeneratorSpec LargeV2 => Large with { FormatVersion = 2 };

    public static async Task<Section> RunAsync(ReportContext context)
    {
        var points = (context.Quick ? Ladder.Take(2) : Ladder).Select(spec => (spec, lp: false)).ToList();
        if (!context.Quick)
        {
            points.Add((Large, true));
            points.Add((LargeV2, false));
            points.Add((LargeV2, true));
        }
        var pairs = new List<Pair>();
        var failures = new List<string>();
        foreach (var (spec, lp) in points)
        {
            var (pair, error) = await PairMeasurement.RunAsync(context, spec, lp, repeatBelowSeconds: 3);
            if (pair is null)
            {
                failures.Add($"- {BenchInstances.Label(spec)}{(lp ? " LP" : "")}: {error}");
                continue;
            }
            pairs.Add(pair);
        }
        return new Section(Render(pairs, failures), Targets(pairs, context));
    }

    private static string Render(List<Pair> pairs, List<string> failures) => $$"""
        ## 1. Instance size: engine against the solver alone

        Generated instances (`InstanceGenerator`, seed 1; `c×m×t×s×p` = countries × materials ×
        periods × scenarios × producers per country; "v2": the same instance in format version 2,
        with recipes, holdings, trade and tariffs, release limits, top-up contracts and the economy
        view). "MIP" is the generated instance as is (tier
        and build binaries, CVaR with λ = 0.2); "LP" the same stripped to its risk-neutral LP. The
        engine column is `StockpileSolver.Solve` (gap 1e-4, one thread, no shadow prices), which
        solves a MIP with SCIP and an LP (no binaries) with GLOP; its model exported with
        `ExportMps` and solved by the same solver through OR-Tools ModelBuilder, with the same gap,
        seed and SCIP settings, is "solver alone" (the solve call only; parsing the MPS is apart).
        **Overhead** = (engine wall − solver-alone solve) / solver-alone solve. **Build+extract** is
        the part of it that is the engine's own code (model building, validation, fingerprint,
        extraction), free of solver-time noise; the rest is the solve through the `MPSolver`
        wrapper (which copies the model into the solver inside `Solve`) against ModelBuilder's path.
        Each point ran in fresh processes; points under 3 s ran three times (median shown).

        {{Table(
            ["instance", "kind", "variables", "rows", "non-zeros", "build", "solve", "extract", "engine wall", "solver alone", "overhead", "build+extract", "runs"],
            pairs.Select(p => (IReadOnlyList<string>)[
                BenchInstances.Label(p.Spec), p.Lp ? "LP" : "MIP", Count(p.Engine.Variables), Count(p.Engine.Rows), Count(p.Engine.NonZeros),
                Seconds(p.Engine.BuildSeconds), Seconds(p.Engine.SolveSeconds), Seconds(p.Engine.ExtractSeconds), Seconds(p.Engine.WallSeconds),
                Seconds(p.Alone.SolveSeconds), Percent(p.Overhead), Percent(p.BuildExtractShare), p.Repeats.ToString(System.Globalization.CultureInfo.InvariantCulture)]))}}
        Memory of the same points. **Peak** is `Process.PeakWorkingSet64` (VmHWM) of the fresh
        child process that did the work, so it includes the runtime, OR-Tools and a tiny warm-up
        solve (the baseline in section 0). **Built** is the working set when the model is built and
        the solver not yet started (sampled at the engine's "solving" phase report), with the managed
        heap at that moment; **allocated** is all managed allocation during the solve call.

        {{Table(
            ["instance", "kind", "engine peak", "built (working set)", "built (managed heap)", "allocated", "solver alone peak", "MPS parse", "objective Δ", "termination"],
            pairs.Select(p => (IReadOnlyList<string>)[
                BenchInstances.Label(p.Spec), p.Lp ? "LP" : "MIP", MiB(p.Engine.PeakWorkingSetBytes), MiB(p.Engine.BuiltWorkingSetBytes),
                MiB(p.Engine.BuiltManagedBytes), MiB(p.Engine.ManagedAllocatedBytes), MiB(p.Alone.PeakWorkingSetBytes), Seconds(p.Alone.ImportSeconds),
                F($"{p.ObjectiveDifference:0.0e+0}"), $"{p.Engine.Termination} / {p.Alone.Termination}"]))}}
        {{(failures.Count == 0 ? "" : "Points that did not complete:\n\n" + string.Join('\n', failures) + "\n")}}
        """;

    private static List<TargetCheck> Targets(List<Pair> pairs, ReportContext context)
    {
        const string Target = "Engine overhead ≤ 10 % of solver time at ~200k variables";
        if (context.Quick)
        {
            return [new(Target, "not measured in --quick", null)];
        }
        return
        [
            Check(pairs.FirstOrDefault(p => p.Spec == Large && !p.Lp), Target + " (MIP)"),
            Check(pairs.FirstOrDefault(p => p.Spec == Large && p.Lp), Target + " (its LP)"),
            Check(pairs.FirstOrDefault(p => p.Spec == LargeV2 && !p.Lp), Target + " (model v2 MIP)"),
            Check(pairs.FirstOrDefault(p => p.Spec == LargeV2 && p.Lp), Target + " (model v2 LP)"),
        ];
    }

    private static TargetCheck Check(Pair? pair, string target) => pair is null
        ? new(target, "the point did not complete", null)
        : new(target, F($"{Percent(pair.Overhead)} at {pair.Engine.Variables:N0} variables ({Seconds(pair.Engine.WallSeconds)} against {Seconds(pair.Alone.SolveSeconds)}); the engine's own build+extract {Percent(pair.BuildExtractShare)}"), pair.Overhead <= 0.10);
}

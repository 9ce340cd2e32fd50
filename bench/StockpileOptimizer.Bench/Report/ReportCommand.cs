using System.Diagnostics;
using System.Text;
using StockpileOptimizer.Bench.Grpc;
using StockpileOptimizer.Bench.Measuring;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// `report [--quick] [--out FILE]`: runs every section and writes one markdown report
/// (docs/performance.md in the repository). A section that fails is reported as failed; the
/// others still run.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "docs/performance.md";
        var unknown = args.Where((a, i) => a != "--quick" && a != "--out" && (outIndex < 0 || i != outIndex + 1)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"unknown argument(s): {string.Join(' ', unknown)}");
            return 2;
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var scratch = Directory.CreateTempSubdirectory("stockpile-bench-").FullName;
        var context = new ReportContext(quick, scratch);
        try
        {
            var machine = Machine.Describe(started, quick);
            var (baseline, baselineError) = await context.PointAsync(new PointRequest { Kind = PointKind.Baseline }, "baseline process");
            var sections = new List<Section>();
            foreach (var (name, run) in Sections())
            {
                sections.Add(await Guarded(context, name, run));
            }
            var report = Compose(machine, baseline, baselineError, sections, clock.Elapsed, quick);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, report);
            context.Log($"wrote {output} in {clock.Elapsed.TotalMinutes:0.0} min");
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static IEnumerable<(string Name, Func<ReportContext, Task<Section>> Run)> Sections() =>
    [
        ("1. Instance size", SizeSection.RunAsync),
        ("2. Scaling", ScalingSection.RunAsync),
        ("3. Out-of-sample throughput", EvaluationSection.RunAsync),
        ("4. Default instance", DefaultSection.RunAsync),
        ("5. gRPC overhead", GrpcSection.RunAsync),
    ];

    private static async Task<Section> Guarded(ReportContext context, string name, Func<ReportContext, Task<Section>> run)
    {
        try
        {
            return await run(context);
        }
        catch (Exception e)
        {
            context.Log($"section {name} failed: {e}");
            return new Section($"## {name}\n\nThis section failed: `{e.GetType().Name}: {e.Message}`\n\n", []);
        }
    }

    private static string Compose(string machine, PointResult? baseline, string? baselineError, List<Section> sections, TimeSpan elapsed, bool quick)
    {
        var targets = sections.SelectMany(s => s.Targets).ToList();
        var text = new StringBuilder();
        text.AppendLine("# Performance").AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project bench/StockpileOptimizer.Bench -- report"
            + (quick ? " --quick" : "") + "` (docs/benchmarks.md); do not edit by hand. The machine is shared and")
            .AppendLine("noisy: compare ratios measured in the same run, not absolute times across runs.")
            .AppendLine();
        text.AppendLine("## Machine").AppendLine().Append(machine).AppendLine();
        text.AppendLine(F($"The report took {elapsed.TotalMinutes:0.0} min. Baseline of every child process (runtime, OR-Tools loaded, a tiny warm-up solve): peak working set {(baseline is null ? $"not measured ({baselineError})" : MiB(baseline.PeakWorkingSetBytes))}."))
            .AppendLine();
        text.AppendLine("## Targets (issue 7)").AppendLine();
        text.Append(Table(["target", "measured", "met"], targets.Select(t => (IReadOnlyList<string>)[t.Target, t.Measured, t.Met switch
        {
            true => "yes",
            false => "**no**",
            null => "–",
        }]))).AppendLine();
        foreach (var section in sections)
        {
            text.Append(section.Markdown.TrimEnd()).AppendLine().AppendLine();
        }
        return text.ToString().TrimEnd() + "\n";
    }
}

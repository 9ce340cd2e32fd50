using System.Diagnostics;
using System.Text;
using StockpileOptimizer.Bench.Grpc;
using StockpileOptimizer.Bench.Measuring;
using static StockpileOptimizer.Bench.Report.Markdown;

namespace StockpileOptimizer.Bench.Report;

/// <summary>
/// `report [--quick] [--out FILE] [--only SECTION]`: runs every section and writes one markdown
/// report (docs/performance.md in the repository). A section that fails is reported as failed;
/// the others still run. `--only size|scaling|evaluation|default|grpc|saa|silos` runs that one section
/// and writes just its markdown and targets (to standard output unless --out is given), to
/// re-measure one part without the whole report.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : only is null ? "docs/performance.md" : null;
        var unknown = args.Where((a, i) => a != "--quick" && a != "--out" && a != "--only"
            && (outIndex < 0 || i != outIndex + 1) && (onlyIndex < 0 || i != onlyIndex + 1)).ToArray();
        if (unknown.Length > 0 || (onlyIndex >= 0 && !Sections().Any(s => s.Key == only)))
        {
            Console.Error.WriteLine(unknown.Length > 0
                ? $"unknown argument(s): {string.Join(' ', unknown)}"
                : $"--only takes one of: {string.Join(", ", Sections().Select(s => s.Key))}");
            return 2;
        }
        if (only is not null)
        {
            return await OnlyAsync(quick, only, output);
        }
        output ??= "docs/performance.md";

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var scratch = Directory.CreateTempSubdirectory("stockpile-bench-").FullName;
        var context = new ReportContext(quick, scratch);
        try
        {
            var machine = Machine.Describe(started, quick);
            var (baseline, baselineError) = await context.PointAsync(new PointRequest { Kind = PointKind.Baseline }, "baseline process");
            var sections = new List<Section>();
            foreach (var (_, name, run) in Sections())
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

    private static IEnumerable<(string Key, string Name, Func<ReportContext, Task<Section>> Run)> Sections() =>
    [
        ("size", "1. Instance size", SizeSection.RunAsync),
        ("scaling", "2. Scaling", ScalingSection.RunAsync),
        ("evaluation", "3. Out-of-sample throughput", EvaluationSection.RunAsync),
        ("default", "4. Default instance", DefaultSection.RunAsync),
        ("grpc", "5. gRPC overhead", GrpcSection.RunAsync),
        ("saa", "6. SAA", SaaSection.RunAsync),
        ("silos", "7. Silos", SiloSection.RunAsync),
    ];

    /// <summary>One section alone: its markdown, then its targets, as they would appear in the report.</summary>
    private static async Task<int> OnlyAsync(bool quick, string key, string? output)
    {
        var (_, name, run) = Sections().Single(s => s.Key == key);
        var clock = Stopwatch.StartNew();
        var scratch = Directory.CreateTempSubdirectory("stockpile-bench-").FullName;
        var context = new ReportContext(quick, scratch);
        try
        {
            var section = await Guarded(context, name, run);
            var text = new StringBuilder(section.Markdown.TrimEnd()).AppendLine().AppendLine();
            if (section.Targets.Count > 0)
            {
                text.Append(Targets(section.Targets));
            }
            if (output is null)
            {
                Console.Out.Write(text.ToString());
            }
            else
            {
                await File.WriteAllTextAsync(output, text.ToString());
            }
            context.Log($"section {name} in {clock.Elapsed.TotalMinutes:0.0} min");
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string Targets(IEnumerable<TargetCheck> targets) =>
        Table(["target", "measured", "met"], targets.Select(t => (IReadOnlyList<string>)[t.Target, t.Measured, t.Met switch
        {
            true => "yes",
            false => "**no**",
            null => "–",
        }]));

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
        text.Append(Targets(targets)).AppendLine();
        foreach (var section in sections)
        {
            text.Append(section.Markdown.TrimEnd()).AppendLine().AppendLine();
        }
        return text.ToString().TrimEnd() + "\n";
    }
}

using System.Runtime.InteropServices;
using Google.OrTools.Init;
using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Bench.Report;

/// <summary>The machine and software a report was measured on (Linux: /proc and /etc/os-release).</summary>
internal static class Machine
{
    public static string Describe(DateTimeOffset started, bool quick) => Markdown.Table(
        ["", ""],
        [
            ["Date", started.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)],
            ["Mode", quick ? "`--quick` (smoke check: small points only)" : "full"],
            ["CPU", Cpu()],
            ["Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["Memory", Memory()],
            ["Load average at start", Load()],
            ["OS", Os()],
            [".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), workstation GC"],
            ["OR-Tools", OrTools()],
        ]).Replace("|:---|---:|", "|:---|:---|", StringComparison.Ordinal);

    private static string Cpu()
    {
        var model = ProcLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? RuntimeInformation.ProcessArchitecture.ToString() : model[(model.IndexOf(':') + 1)..].Trim();
    }

    private static string Memory()
    {
        var total = ProcLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return total is null || !long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib)
            ? "unknown"
            : Markdown.F($"{kib / 1024.0 / 1024.0:0.0} GiB");
    }

    /// <summary>The machine is shared: the load at start says how much else was running.</summary>
    private static string Load() => ProcLines("/proc/loadavg").FirstOrDefault() is { } line
        ? string.Join(" / ", line.Split(' ').Take(3)) + " (1 / 5 / 15 min)"
        : "unknown";

    private static string Os()
    {
        var kernel = ProcLines("/proc/sys/kernel/osrelease").FirstOrDefault();
        return RuntimeInformation.OSDescription + (kernel is null ? "" : $", kernel {kernel.Trim()}");
    }

    private static string OrTools()
    {
        var versions = new[] { "SCIP", "CBC", "HIGHS", "GLOP" }.Select(id =>
        {
            using var solver = Solver.CreateSolver(id);
            var version = solver?.SolverVersion() ?? "not available";
            // OR-Tools 9.15 answers HiGHS' version query with another solver's name.
            return $"{id}: " + (id == "HIGHS" && solver is not null && !version.Contains("highs", StringComparison.OrdinalIgnoreCase) ? "available (no version reported)" : version);
        });
        return $"{OrToolsVersion.VersionString()} (Google.OrTools NuGet); " + string.Join("; ", versions);
    }

    private static IEnumerable<string> ProcLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}

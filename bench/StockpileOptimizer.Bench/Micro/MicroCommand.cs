using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StockpileOptimizer.Bench.Micro;

/// <summary>
/// `bdn [BenchmarkDotNet arguments]`: the micro benchmarks of this folder. In-process (no
/// generated project to build: this project's central package versions and runtime identifier
/// stay as they are) and short runs by default; pass BenchmarkDotNet's own options to change it.
/// Artifacts go next to the program (bin/…/BenchmarkDotNet.Artifacts), outside the source tree.
/// </summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summaries = BenchmarkSwitcher.FromTypes([typeof(RecourseParts), typeof(DefaultSolve), typeof(ModelBuild)]).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}

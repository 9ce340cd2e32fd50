using BenchmarkDotNet.Attributes;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Bench.Micro;

/// <summary>
/// The pieces of one out-of-sample recourse solve (the default instance with one disrupted
/// scenario, its optimal plan fixed): what validation, fingerprinting and model building cost
/// next to the whole solve. ExportMps is validation + build + MPS text, the closest public
/// handle on the build alone.
/// </summary>
[MemoryDiagnoser]
public class RecourseParts
{
    private StockpileInstance one = null!;
    private SolveOptions recourse = null!;

    [GlobalSetup]
    public void Setup()
    {
        var instance = InstanceJson.Default();
        var policy = StockpileSolver.Solve(instance, new SolveOptions { ShadowPrices = false }).Policy
            ?? throw new InvalidOperationException("the default instance has no plan");
        var disrupted = instance.Scenarios.First(s => s.Events.Count > 0);
        one = instance with { Scenarios = [disrupted with { Probability = 1 }], Policy = instance.Policy with { RiskWeight = 0 } };
        recourse = new SolveOptions { FixedPolicy = policy, ShadowPrices = false, DiagnoseInfeasibility = false };
    }

    [Benchmark]
    public int Validate() => InstanceValidator.Validate(one).Count;

    [Benchmark]
    public string Fingerprint() => InstanceJson.Fingerprint(one);

    [Benchmark]
    public int BuildAndExportMps() => StockpileSolver.ExportMps(one).Length;

    [Benchmark(Baseline = true)]
    public double RecourseSolve() => StockpileSolver.Solve(one, recourse).Solver.Objective;
}

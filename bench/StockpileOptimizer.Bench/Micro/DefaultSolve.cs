using BenchmarkDotNet.Attributes;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Bench.Micro;

/// <summary>The default instance end to end (parse → validation → plan) per MIP solver, with and without shadow prices.</summary>
[MemoryDiagnoser]
public class DefaultSolve
{
    [Params(MipSolver.Scip, MipSolver.Cbc)]
    public MipSolver Solver { get; set; }

    [Params(true, false)]
    public bool ShadowPrices { get; set; }

    [Benchmark]
    public double ParseAndSolve() =>
        StockpileSolver.Solve(InstanceJson.Default(), new SolveOptions { Solver = Solver, ShadowPrices = ShadowPrices }).Solver.Objective;
}

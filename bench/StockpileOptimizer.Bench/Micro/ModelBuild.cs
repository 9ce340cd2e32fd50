using BenchmarkDotNet.Attributes;
using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Bench.Micro;

/// <summary>
/// The model build alone, no solve: the instance turned into indexed data (ModelData) and the
/// variables and rows added to an empty SCIP model (StockpileModel.Build), on the default
/// instance and on a large generated model v2 instance (3c×6m×16t×40s×3p, the fourth point of
/// the size ladder in v2). Run on two commits, alternating, to compare a change to the builder.
/// </summary>
[MemoryDiagnoser]
public class ModelBuild
{
    private StockpileInstance instance = null!;

    [Params("default", "large-v2")]
    public string Instance { get; set; } = "default";

    [GlobalSetup]
    public void Setup() => instance = Instance == "default"
        ? InstanceJson.Default()
        : InstanceGenerator.Generate(new GeneratorSpec
        {
            Countries = 3, Materials = 6, Periods = 16, Scenarios = 40, ProducersPerCountry = 3, FormatVersion = 2,
        });

    [Benchmark]
    public int Data() => new ModelData(instance, instance.Policy.Mode).C;

    [Benchmark]
    public int DataAndModel()
    {
        using var solver = Solver.CreateSolver("SCIP");
        return StockpileModel.Build(new ModelData(instance, instance.Policy.Mode), solver).Variables.Count;
    }
}

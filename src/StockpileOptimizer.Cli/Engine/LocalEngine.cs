using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// The engine in this process: each call runs the Model's entry point on a worker thread so
/// the live display keeps drawing. The token reaches every solve, which then ends with its
/// best plan so far (results are data, not errors).
/// </summary>
internal sealed class LocalEngine : IEngine
{
    public string Description => "in-process";

    public Task<IReadOnlyList<Violation>> ValidateAsync(StockpileInstance instance, CancellationToken cancel) =>
        Task.FromResult(InstanceValidator.Validate(instance));

    public Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, IProgress<SolveProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => StockpileApplication.Run(ValidatedInstance.Require(instance), options, progress, cancel), CancellationToken.None);

    public Task<CooperationResult> CooperationAsync(
        StockpileInstance instance, CooperationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => ((CooperationAnalysisResult)Run(instance, spec, solve, progress, cancel)).Result, CancellationToken.None);

    public Task<FrontierResult> FrontierAsync(
        StockpileInstance instance, FrontierAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => ((FrontierAnalysisResult)Run(instance, spec, solve, progress, cancel)).Result, CancellationToken.None);

    public Task<EvaluationAnalysisResult> EvaluateAsync(
        StockpileInstance instance, EvaluationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => (EvaluationAnalysisResult)Run(instance, spec, solve, progress, cancel), CancellationToken.None);

    public Task<SaaResult> SaaAsync(
        StockpileInstance instance, SaaAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => ((SaaAnalysisResult)Run(instance, spec, solve, progress, cancel)).Result, CancellationToken.None);

    public Task<GeneratedScenarios> GenerateScenariosAsync(StockpileInstance instance, ScenarioGenerationSpec spec, CancellationToken cancel) =>
        Task.Run(() => StockpileApplication.Run(ValidatedInstance.Require(instance), spec, cancel), cancel);

    public Task<string> ExportMpsAsync(StockpileInstance instance, CancellationToken cancel) =>
        Task.Run(() => StockpileSolver.ExportMps(instance), cancel);

    public Task<double> MoneyScaleAsync(StockpileInstance instance, CancellationToken cancel) =>
        Task.FromResult(StockpileSolver.MoneyScale(instance));

    public Task<string> DefaultInstanceJsonAsync(CancellationToken cancel) => Task.FromResult(InstanceJson.DefaultJson());

    /// <summary>An analysis through the application layer; the spec's MaxParallelism (the command's --parallel) is the thread budget.</summary>
    private static AnalysisResult Run(
        StockpileInstance instance, AnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        StockpileApplication.Run(ValidatedInstance.Require(instance), spec, solve, spec.MaxParallelism ?? 1, progress, cancel);
}

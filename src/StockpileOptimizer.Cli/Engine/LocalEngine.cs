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
        Task.Run(() => StockpileSolver.Solve(instance, options, cancel, progress), CancellationToken.None);

    public Task<CooperationResult> CooperationAsync(StockpileInstance instance, CooperationOptions options, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => CooperationAnalysis.Run(instance, options, cancel, progress), CancellationToken.None);

    public Task<FrontierResult> FrontierAsync(StockpileInstance instance, FrontierSpec spec, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => FrontierAnalysis.Run(instance, spec, cancel, progress), CancellationToken.None);

    public Task<EvaluationAnalysisResult> EvaluateAsync(
        StockpileInstance instance, EvaluationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel) =>
        Task.Run(() => (EvaluationAnalysisResult)StockpileApplication.Run(
            ValidatedInstance.Require(instance), spec, solve, spec.MaxParallelism ?? 1, progress, cancel), CancellationToken.None);

    public Task<IReadOnlyList<Scenario>> SampleScenariosAsync(
        StockpileInstance instance, ScenarioDistribution distribution, int count, int seed, CancellationToken cancel) =>
        Task.Run(() => ScenarioGenerator.Sample(instance, distribution, count, seed), cancel);

    public Task<ScenarioReductionResult> ReduceScenariosAsync(
        StockpileInstance instance, IReadOnlyList<Scenario> scenarios, int keep, CancellationToken cancel) =>
        Task.Run(() => ScenarioReduction.FastForward(scenarios, keep, instance), cancel);

    public Task<string> ExportMpsAsync(StockpileInstance instance, CancellationToken cancel) =>
        Task.Run(() => StockpileSolver.ExportMps(instance), cancel);

    public Task<double> MoneyScaleAsync(StockpileInstance instance, CancellationToken cancel) =>
        Task.FromResult(StockpileSolver.MoneyScale(instance));

    public Task<string> DefaultInstanceJsonAsync(CancellationToken cancel) => Task.FromResult(InstanceJson.DefaultJson());
}

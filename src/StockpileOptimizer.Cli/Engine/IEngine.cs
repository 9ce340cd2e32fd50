using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// Everything a command asks of the engine. Commands see only this interface, so the same
/// command prints the same output whether the work runs in this process
/// (<see cref="LocalEngine"/>) or on a server (<c>--server URL</c>, see
/// <see cref="EngineFactory"/>). Results are the domain's records in both cases.
/// Failures are exceptions the CLI maps to exit codes: <see cref="InvalidInstanceException"/>
/// (invalid input), <see cref="ArgumentException"/> (a bad option value),
/// <see cref="CliException"/> (server unreachable, not supported).
/// </summary>
internal interface IEngine
{
    /// <summary>"in-process", or the server's address.</summary>
    string Description { get; }

    Task<IReadOnlyList<Violation>> ValidateAsync(StockpileInstance instance, CancellationToken cancel);

    Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, IProgress<SolveProgress>? progress, CancellationToken cancel);

    /// <summary>The cooperation analysis as one unit of work (the application layer's), <paramref name="solve"/> for each coalition's solve.</summary>
    Task<CooperationResult> CooperationAsync(
        StockpileInstance instance, CooperationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel);

    /// <summary>The frontier sweep as one unit of work (the application layer's), <paramref name="solve"/> for each point's solve.</summary>
    Task<FrontierResult> FrontierAsync(
        StockpileInstance instance, FrontierAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel);

    /// <summary>
    /// The whole evaluation as one unit of work (the application layer's evaluation workflow): the
    /// policy (the spec's, or the instance's optimum), the futures (given or sampled), the
    /// out-of-sample result and, when asked for, VSS and EVPI.
    /// </summary>
    /// <exception cref="Model.Application.AnalysisFailedException">No policy to evaluate.</exception>
    Task<EvaluationAnalysisResult> EvaluateAsync(
        StockpileInstance instance, EvaluationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel);

    /// <summary>
    /// A plan from sampled futures (sample-average approximation) as one unit of work: the
    /// futures, the extensive form or Benders, and with replications the statistical gap;
    /// <paramref name="solve"/> for each of its solves. Cancelled, it returns the best plan so far.
    /// </summary>
    Task<SaaResult> SaaAsync(
        StockpileInstance instance, SaaAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel);

    /// <summary>A seeded sample of scenarios, reduced when the spec asks for fewer (the application layer's scenario generation).</summary>
    Task<GeneratedScenarios> GenerateScenariosAsync(StockpileInstance instance, ScenarioGenerationSpec spec, CancellationToken cancel);

    /// <summary>The built model in free MPS (money in solver units: USD × <see cref="MoneyScaleAsync"/>).</summary>
    Task<string> ExportMpsAsync(StockpileInstance instance, CancellationToken cancel);

    Task<double> MoneyScaleAsync(StockpileInstance instance, CancellationToken cancel);

    /// <summary>The default US–Canada instance as JSON, with its source comments.</summary>
    Task<string> DefaultInstanceJsonAsync(CancellationToken cancel);
}

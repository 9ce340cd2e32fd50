using System.Text.Json.Serialization;

namespace StockpileOptimizer.Domain;

/// <summary>The kinds of job the service runs: a solve, or one of the analyses of docs/analyses.md.</summary>
public static class JobKinds
{
    public const string Solve = "solve";
    public const string Cooperation = "cooperation";
    public const string Frontier = "frontier";
    public const string Evaluation = "evaluation";
    public const string Saa = "saa";

    public static IReadOnlyList<string> All { get; } = [Solve, Cooperation, Frontier, Evaluation, Saa];

    public static bool IsAnalysis(string kind) => kind is Cooperation or Frontier or Evaluation or Saa;
}

/// <summary>
/// What an analysis runs besides its instance and the options of each solve (applied per
/// solve): the work spec of the application layer (StockpileOptimizer.Model.Application), the
/// same for every front end. Stored as JSON with a "kind" discriminator, which is the job's
/// kind. <c>MaxParallelism</c> null means the job's whole solver-thread budget; a larger value
/// is capped at it when the job runs.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CooperationAnalysisSpec), JobKinds.Cooperation)]
[JsonDerivedType(typeof(FrontierAnalysisSpec), JobKinds.Frontier)]
[JsonDerivedType(typeof(EvaluationAnalysisSpec), JobKinds.Evaluation)]
[JsonDerivedType(typeof(SaaAnalysisSpec), JobKinds.Saa)]
public abstract record AnalysisSpec
{
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Solver threads the analysis may use at once; null: the job's budget.</summary>
    public int? MaxParallelism { get; init; }
}

/// <summary>Cooperation value and its Shapley split (StockpileOptimizer.Model.Analyses.CooperationAnalysis).</summary>
public sealed record CooperationAnalysisSpec : AnalysisSpec
{
    [JsonIgnore]
    public override string Kind => JobKinds.Cooperation;

    /// <summary>The default <see cref="MaxCountries"/>: 2^6 − 1 = 63 coalition solves.</summary>
    public const int DefaultMaxCountries = 6;

    /// <summary>Largest number of countries accepted; at most <see cref="AnalysisLimits.MaxCooperationCountries"/>.</summary>
    public int MaxCountries { get; init; } = DefaultMaxCountries;
}

/// <summary>A budget or risk-weight sweep (StockpileOptimizer.Model.Analyses.FrontierAnalysis): values or a range, not both.</summary>
public sealed record FrontierAnalysisSpec : AnalysisSpec
{
    [JsonIgnore]
    public override string Kind => JobKinds.Frontier;

    public FrontierParameter Parameter { get; init; }
    public IReadOnlyList<double>? Values { get; init; }
    public FrontierRange? Range { get; init; }
    public bool WarmStart { get; init; } = true;
}

/// <summary>
/// Out-of-sample evaluation (StockpileOptimizer.Model.Analyses.EvaluationAnalysis): the policy (null: solve the
/// instance first and take its plan) on <see cref="Scenarios"/> when given, else on
/// <see cref="Samples"/> scenarios sampled with <see cref="Seed"/> from
/// <see cref="Distribution"/> (null: the default); optionally VSS and EVPI on the instance's
/// own scenarios.
/// </summary>
public sealed record EvaluationAnalysisSpec : AnalysisSpec
{
    public const int DefaultSamples = 100;

    /// <summary>The default <see cref="ConfidenceLevel"/>.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    [JsonIgnore]
    public override string Kind => JobKinds.Evaluation;

    public Policy? Policy { get; init; }
    public int Samples { get; init; } = DefaultSamples;
    public int Seed { get; init; }
    public ScenarioDistribution? Distribution { get; init; }
    public IReadOnlyList<Scenario>? Scenarios { get; init; }
    public bool Vss { get; init; }
    public bool Evpi { get; init; }
    public double ConfidenceLevel { get; init; } = DefaultConfidenceLevel;
}

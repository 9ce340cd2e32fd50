using System.Text.Json.Serialization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>The kinds of job the service runs: a solve, or one of the analyses of docs/analyses.md.</summary>
public static class JobKinds
{
    public const string Solve = "solve";
    public const string Cooperation = "cooperation";
    public const string Frontier = "frontier";
    public const string Evaluation = "evaluation";

    public static IReadOnlyList<string> All { get; } = [Solve, Cooperation, Frontier, Evaluation];

    public static bool IsAnalysis(string kind) => kind is Cooperation or Frontier or Evaluation;
}

/// <summary>
/// What an analysis job runs besides its instance and the options of each solve
/// (<see cref="JobSubmission.Options"/>, applied per solve). Stored as JSON with a "kind"
/// discriminator, which is the job's kind. <c>MaxParallelism</c> null means the job's whole
/// solver-thread budget; a larger value is capped at it when the job runs.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CooperationAnalysisSpec), JobKinds.Cooperation)]
[JsonDerivedType(typeof(FrontierAnalysisSpec), JobKinds.Frontier)]
[JsonDerivedType(typeof(EvaluationAnalysisSpec), JobKinds.Evaluation)]
public abstract record AnalysisSpec
{
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Solver threads the analysis may use at once; null: the job's budget.</summary>
    public int? MaxParallelism { get; init; }
}

/// <summary>Cooperation value and its Shapley split (<see cref="CooperationAnalysis"/>).</summary>
public sealed record CooperationAnalysisSpec : AnalysisSpec
{
    [JsonIgnore]
    public override string Kind => JobKinds.Cooperation;

    /// <summary>Largest number of countries accepted (<see cref="CooperationOptions.MaxCountries"/>).</summary>
    public int MaxCountries { get; init; } = new CooperationOptions().MaxCountries;
}

/// <summary>A budget or risk-weight sweep (<see cref="FrontierAnalysis"/>): values or a range, not both.</summary>
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
/// Out-of-sample evaluation (<see cref="EvaluationAnalysis"/>): the policy (null: solve the
/// instance first and take its plan) on <see cref="Scenarios"/> when given, else on
/// <see cref="Samples"/> scenarios sampled with <see cref="Seed"/> from
/// <see cref="Distribution"/> (null: the default); optionally VSS and EVPI on the instance's
/// own scenarios.
/// </summary>
public sealed record EvaluationAnalysisSpec : AnalysisSpec
{
    public const int DefaultSamples = 100;

    [JsonIgnore]
    public override string Kind => JobKinds.Evaluation;

    public Policy? Policy { get; init; }
    public int Samples { get; init; } = DefaultSamples;
    public int Seed { get; init; }
    public ScenarioDistribution? Distribution { get; init; }
    public IReadOnlyList<Scenario>? Scenarios { get; init; }
    public bool Vss { get; init; }
    public bool Evpi { get; init; }
    public double ConfidenceLevel { get; init; } = new EvaluationOptions().ConfidenceLevel;
}

/// <summary>
/// The result of an analysis job, stored as JSON with a "kind" discriminator. A cancelled job
/// keeps its partial result (<see cref="Cancelled"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CooperationAnalysisResult), JobKinds.Cooperation)]
[JsonDerivedType(typeof(FrontierAnalysisResult), JobKinds.Frontier)]
[JsonDerivedType(typeof(EvaluationAnalysisResult), JobKinds.Evaluation)]
public abstract record AnalysisResult
{
    [JsonIgnore]
    public abstract string Kind { get; }

    [JsonIgnore]
    public abstract bool Cancelled { get; }

    [JsonIgnore]
    public abstract string Message { get; }
}

public sealed record CooperationAnalysisResult : AnalysisResult
{
    public CooperationResult Result { get; init; } = new();

    [JsonIgnore]
    public override string Kind => JobKinds.Cooperation;
    [JsonIgnore]
    public override bool Cancelled => Result.Cancelled;
    [JsonIgnore]
    public override string Message => Result.Message;
}

public sealed record FrontierAnalysisResult : AnalysisResult
{
    public FrontierResult Result { get; init; } = new();

    [JsonIgnore]
    public override string Kind => JobKinds.Frontier;
    [JsonIgnore]
    public override bool Cancelled => Result.Cancelled;
    [JsonIgnore]
    public override string Message => Result.Message;
}

/// <summary>
/// An evaluation job's outcome: the policy evaluated and where it came from, where the futures
/// came from, the out-of-sample result and, when asked for, VSS and EVPI. Parts the job did not
/// reach (cancelled) are null.
/// </summary>
public sealed record EvaluationAnalysisResult : AnalysisResult
{
    [JsonIgnore]
    public override string Kind => JobKinds.Evaluation;

    public Policy? Policy { get; init; }
    public string PolicySource { get; init; } = "";
    public string SamplesSource { get; init; } = "";
    public EvaluationResult? OutOfSample { get; init; }
    public StochasticSolutionValue? Vss { get; init; }
    public PerfectInformationValue? Evpi { get; init; }

    [JsonPropertyName("cancelled")]
    public bool WasCancelled { get; init; }

    [JsonPropertyName("message")]
    public string Summary { get; init; } = "";

    [JsonIgnore]
    public override bool Cancelled => WasCancelled;
    [JsonIgnore]
    public override string Message => Summary;
}

using System.Text.Json.Serialization;

namespace StockpileOptimizer.Domain;

/// <summary>
/// The result of an analysis job, stored as JSON with a "kind" discriminator. A cancelled job
/// keeps its partial result (<see cref="Cancelled"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CooperationAnalysisResult), JobKinds.Cooperation)]
[JsonDerivedType(typeof(FrontierAnalysisResult), JobKinds.Frontier)]
[JsonDerivedType(typeof(EvaluationAnalysisResult), JobKinds.Evaluation)]
[JsonDerivedType(typeof(SaaAnalysisResult), JobKinds.Saa)]
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

using System.Text.Json.Serialization;

namespace StockpileOptimizer.Domain;

/// <summary>How a sample-average problem is solved (docs/sampling.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SaaMethod>))]
public enum SaaMethod
{
    /// <summary>The extensive form while it is small, Benders beyond; the choice and its reason are reported.</summary>
    Auto,
    /// <summary>The L-shaped method: a first-stage master and one recourse LP per sample.</summary>
    Benders,
    /// <summary>One MIP over all samples (the instance's own solve with the samples as its scenarios).</summary>
    Extensive,
}

/// <summary>
/// A plan from sampled futures (sample-average approximation, docs/sampling.md): N futures from
/// <see cref="Distribution"/> (null: the default) with <see cref="Seed"/>, or the given
/// <see cref="Scenarios"/>, solved by <see cref="Method"/> to <see cref="Gap"/>. With
/// <see cref="Replications"/> ≥ 2 it also estimates the plan's optimality gap statistically:
/// M more independent SAA problems of N samples give the lower bound, the plan on
/// <see cref="EvaluationSamples"/> fresh futures gives the upper bound.
/// </summary>
public sealed record SaaAnalysisSpec : AnalysisSpec
{
    public const int DefaultSamples = 100;
    public const double DefaultGap = 1e-3;
    public const int DefaultMaxIterations = 200;

    [JsonIgnore]
    public override string Kind => JobKinds.Saa;

    /// <summary>N: futures in the SAA problem (ignored when <see cref="Scenarios"/> is given).</summary>
    public int Samples { get; init; } = DefaultSamples;
    public int Seed { get; init; }
    public ScenarioDistribution? Distribution { get; init; }
    /// <summary>A given list of futures instead of sampling (their probabilities are used as given).</summary>
    public IReadOnlyList<Scenario>? Scenarios { get; init; }
    public SaaMethod Method { get; init; } = SaaMethod.Auto;
    /// <summary>Relative gap at which the decomposition stops (upper − lower) / |upper|.</summary>
    public double Gap { get; init; } = DefaultGap;
    /// <summary>Benders iterations at most (LP and MIP phases together).</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;
    /// <summary>Cut groups: 1 aggregates every sample into one cut per iteration, N is one cut per sample; null picks min(N, 64).</summary>
    public int? CutGroups { get; init; }
    /// <summary>M: independent replications for the statistical gap; 0 (none) or at least 2.</summary>
    public int Replications { get; init; }
    /// <summary>N′: fresh futures the plan is evaluated on for the upper bound (with replications).</summary>
    public int EvaluationSamples { get; init; }
    public double ConfidenceLevel { get; init; } = 0.95;
}

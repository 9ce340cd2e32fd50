namespace StockpileOptimizer.Domain;

/// <summary>
/// A plan from sampled futures and how good it is (docs/sampling.md). Money in USD. The bounds
/// are of the sample-average problem; <see cref="Statistical"/>, when asked for, bounds the
/// true problem's gap.
/// </summary>
public sealed record SaaResult
{
    public Policy? Policy { get; init; }
    /// <summary>"benders" or "extensive".</summary>
    public string Method { get; init; } = "";
    /// <summary>Why that method (the automatic choice's reason, or "requested").</summary>
    public string MethodReason { get; init; } = "";
    public int Samples { get; init; }
    public int Seed { get; init; }
    public Termination Termination { get; init; }
    /// <summary>The plan's objective on the N samples (the upper bound of the SAA problem).</summary>
    public double ObjectiveUsd { get; init; }
    /// <summary>The SAA problem's lower bound (master or MIP bound).</summary>
    public double BoundUsd { get; init; }
    /// <summary>(objective − bound) / |objective|.</summary>
    public double Gap { get; init; }
    public IReadOnlyList<DecompositionIteration> Iterations { get; init; } = [];
    public int CutGroups { get; init; }
    public double WallSeconds { get; init; }
    public StatisticalGap? Statistical { get; init; }
    public bool Cancelled { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>One Benders iteration: the bounds after it (phase "lp" on the relaxed master, "mip" on the integer one).</summary>
public sealed record DecompositionIteration(int Iteration, string Phase, double LowerBoundUsd, double UpperBoundUsd, double Gap, int Cuts, double Seconds);

/// <summary>
/// The multiple-replication estimate of the plan's optimality gap on the true distribution
/// (Mak, Morton and Wood 1999; Bayraksan and Morton 2006): M SAA problems of N fresh samples
/// each give a lower bound, the plan on N′ fresh samples an upper bound, and the plan on each
/// replication's own samples the paired (common-random-number) gap. Every one-sided bound is at
/// <see cref="ConfidenceLevel"/> with the Student-t quantile of its sample's degrees of freedom.
/// Samples where the plan has no recourse are left out of its means and counted.
/// </summary>
public sealed record StatisticalGap
{
    /// <summary>M: replications done (fewer than asked when cancelled).</summary>
    public int Replications { get; init; }
    public int SamplesPerReplication { get; init; }
    public int EvaluationSamples { get; init; }
    public double ConfidenceLevel { get; init; }
    /// <summary>Mean of the replications' SAA lower bounds v_i; E[v_N] ≤ the true optimum.</summary>
    public double LowerBoundUsd { get; init; }
    /// <summary>Lower end of the one-sided CI of the lower bound (mean − t·s/√M).</summary>
    public double LowerBoundCiUsd { get; init; }
    /// <summary>Mean of the plan's cost on the N′ fresh samples (an unbiased estimate of its true cost).</summary>
    public double UpperBoundUsd { get; init; }
    /// <summary>Upper end of the one-sided CI of the upper bound (mean + t·s/√N′, t with N′ − 1 degrees of freedom ≈ z).</summary>
    public double UpperBoundCiUsd { get; init; }
    /// <summary>Upper − lower point estimate.</summary>
    public double GapUsd { get; init; }
    /// <summary>
    /// The gap's one-sided CI upper end: UpperBoundCi − LowerBoundCi. The sum of the two
    /// half-widths is at least the half-width of the difference of the two independent means,
    /// so the coverage is at least the confidence level (to the normal approximation).
    /// </summary>
    public double GapCiUsd { get; init; }
    /// <summary>Common-random-number gap (MRP): mean over replications of plan-on-sample minus SAA lower bound.</summary>
    public double PairedGapUsd { get; init; }
    /// <summary>Upper end of the paired gap's one-sided CI (mean + t·s/√M).</summary>
    public double PairedGapCiUsd { get; init; }
    /// <summary>v_i per replication: its SAA lower bound (the optimum to the solve's gap).</summary>
    public IReadOnlyList<double> ReplicationObjectivesUsd { get; init; } = [];
    /// <summary>Of the N′ evaluation samples, those where the plan has no recourse (or that were not solved): left out of the upper bound.</summary>
    public int InfeasibleEvaluationSamples { get; init; }
    /// <summary>Of the M·N replication samples, those where the plan has no recourse: left out of the paired gap's plan means.</summary>
    public int InfeasiblePairedSamples { get; init; }
    public IReadOnlyList<StockpileSpread> Stockpiles { get; init; } = [];
    public IReadOnlyList<ChoiceShare> Choices { get; init; } = [];
    /// <summary>How the estimate was made: seeds, the plan's η, samples left out, replications that failed.</summary>
    public string Message { get; init; } = "";
}

/// <summary>How one stockpile varies across the replications' plans, tonnes.</summary>
public sealed record StockpileSpread(string Country, string Material, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>Share of replications choosing a discrete option: kind "tier" (item = tier id) or "build" (item = investment id; country and material empty).</summary>
public sealed record ChoiceShare(string Kind, string Country, string Material, string Item, double Share);

/// <summary>An SAA job's outcome.</summary>
public sealed record SaaAnalysisResult : AnalysisResult
{
    public SaaResult Result { get; init; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => JobKinds.Saa;
    [System.Text.Json.Serialization.JsonIgnore]
    public override bool Cancelled => Result.Cancelled;
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Message => Result.Message;
}

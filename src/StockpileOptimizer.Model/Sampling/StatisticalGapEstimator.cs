using System.Diagnostics;
using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The statistical optimality gap of an SAA plan x̂ by the multiple replication procedure (Mak,
/// Morton and Wood 1999; Bayraksan and Morton 2006; docs/sampling.md). With level 1 − a:
/// <list type="bullet">
/// <item>Upper bound: the plan's per-sample values V_s on N′ fresh samples (seeds: <see cref="SampleSeeds"/>),
/// Ū ± its one-sided bound Ū + t_{1−a, N′−1}·s_U/√N′.</item>
/// <item>Lower bound: M replications of N fresh samples, each solved as an SAA problem; v_i is its proven
/// lower bound (equal to its optimum to the solve's gap), so E[v_i] ≤ E[v_N] ≤ v*; L̄ − t_{1−a, M−1}·s_L/√M.</item>
/// <item>Gap: Ū − L̄, CI upper end (Ū + …) − (L̄ − …).</item>
/// <item>Paired gap (common random numbers): G_i = f_i(x̂) − v_i with f_i(x̂) the plan's mean value on
/// replication i's own samples; Ḡ + t_{1−a, M−1}·s_G/√M.</item>
/// </list>
/// With CVaR (λ &gt; 0) a plan's value needs its η. The decomposition's point carries it. The
/// extensive form's does not: η is then, per CVaR group, the probability-weighted α-quantile of
/// the plan's losses L_s on the main SAA sample (the value at risk, which is where the extensive
/// form's η lies), the losses from a copy of the instance at λ = 0 without tie-breaking. η is
/// fixed before the fresh samples are drawn, so the upper bound stays an unbiased estimate of a
/// value ≥ the plan's true objective. Per-country losses are not available from the sample
/// evaluation, so INDEPENDENT mode with λ &gt; 0 needs the decomposition (<see cref="Check"/>).
/// </summary>
internal static class StatisticalGapEstimator
{
    /// <summary>The spec's statistical-gap settings are usable for <paramref name="method"/> on this instance.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names its field).</exception>
    public static void Check(StockpileInstance instance, SaaAnalysisSpec spec, SaaMethod method)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Replications is < 0 or 1)
        {
            throw new ArgumentException($"spec.replications: must be 0 (no statistical gap) or at least 2 (got {spec.Replications})", nameof(spec));
        }
        if (spec.Replications == 0)
        {
            return;
        }
        if (spec.EvaluationSamples < 2)
        {
            throw new ArgumentException($"spec.evaluationSamples: the upper bound needs at least 2 fresh samples (got {spec.EvaluationSamples})", nameof(spec));
        }
        if (!(spec.ConfidenceLevel is > 0 and < 1))
        {
            throw new ArgumentException($"spec.confidenceLevel: must be strictly between 0 and 1 (got {spec.ConfidenceLevel})", nameof(spec));
        }
        if (method == SaaMethod.Extensive && instance.Policy.RiskWeight > 0 && instance.Policy.Mode == CooperationMode.Independent)
        {
            throw new ArgumentException(
                "policy.riskWeight: the statistical gap of an extensive-form plan with CVaR in INDEPENDENT mode needs each country's η, " +
                "which the sample evaluation cannot give; use method benders, JOINT mode or riskWeight 0", nameof(instance));
        }
    }

    /// <summary>
    /// The gap of <paramref name="candidate"/> (solved on <paramref name="mainSample"/>): returns
    /// what is done when cancelled (null gap with fewer than two replications).
    /// </summary>
    public static StatisticalGapEstimate Estimate(
        ValidatedInstance validated, SaaAnalysisSpec spec, SaaSolution candidate, IReadOnlyList<Scenario> mainSample,
        SolveOptions each, int parallelism, ISolveFarm? farm, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(validated);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(candidate);
        var instance = validated.Instance;
        if (candidate.Result.Policy is not { } policy)
        {
            return new StatisticalGapEstimate(null, false, "no statistical gap: the SAA solve gave no plan");
        }
        var clock = Stopwatch.StartNew();
        using var local = farm is null ? new LocalSolveFarm(parallelism) : null;
        var runner = farm ?? local!;
        var m = spec.Replications;
        var n = spec.Scenarios is { Count: > 0 } given ? given.Count : spec.Samples;
        var seeds = SampleSeeds.For(spec.Seed, m + 1);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"seeds: evaluation {seeds[0]}, replications {string.Join(", ", seeds.Skip(1))} (from seed {spec.Seed})"),
        };
        var lower = new List<double>();
        var paired = new List<double>();
        var plans = new List<Policy>();
        var infeasiblePaired = 0;
        OneSidedBound upper = default;
        var infeasibleEvaluation = 0;
        var cancelled = false;
        try
        {
            var point = candidate.Point ?? PointOf(instance, policy, mainSample, runner, notes, cancel);
            var evaluation = SampleSeeds.Draw(instance, spec, spec.EvaluationSamples, seeds[0], cancel);
            var values = PlanPoints.EvaluateAsync(instance, evaluation, point, runner, cancel).GetAwaiter().GetResult();
            cancel.ThrowIfCancellationRequested();
            var feasible = values.Values.OfType<double>().ToArray();
            infeasibleEvaluation = values.Values.Count - feasible.Length;
            Note(notes, infeasibleEvaluation, spec.EvaluationSamples, "evaluation", values.Messages);
            upper = GapStatistics.Upper(feasible, spec.ConfidenceLevel);
            Report(progress, clock, 1, m + 1, "evaluation",
                string.Create(CultureInfo.InvariantCulture, $"the plan on {feasible.Length} fresh samples: {upper.Mean:N0} USD"), null, upper.Mean);
            for (var i = 1; i <= m; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var sample = SampleSeeds.Draw(instance, spec, n, seeds[i], cancel);
                var solved = SaaAnalysis.Solve(instance, sample, spec, each, parallelism, farm, null, cancel);
                if (solved.Result.Cancelled)
                {
                    cancelled = true;
                    break;
                }
                if (LowerBound(solved.Result) is not { } v)
                {
                    notes.Add($"replication {i} left out: its SAA solve ended {solved.Result.Termination} without a bound ({solved.Result.Message})");
                    continue;
                }
                var onSample = PlanPoints.EvaluateAsync(instance, sample, point, runner, cancel).GetAwaiter().GetResult();
                cancel.ThrowIfCancellationRequested();
                var missing = onSample.Values.Count(x => x is null);
                infeasiblePaired += missing;
                Note(notes, missing, sample.Count, $"replication {i}", onSample.Messages);
                var f = WeightedMean(sample, onSample.Values);
                lower.Add(v);
                if (f is { } planValue)
                {
                    paired.Add(planValue - v);
                }
                if (solved.Result.Policy is { } plan)
                {
                    plans.Add(plan);
                }
                Report(progress, clock, i + 1, m + 1, $"replication {i}",
                    string.Create(CultureInfo.InvariantCulture, $"replication {i} of {m}: SAA bound {v:N0} USD, the plan on its samples {f:N0} USD"),
                    lower.Average(), upper.Mean);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            cancelled = true;
        }
        if (cancelled)
        {
            notes.Add($"cancelled after {lower.Count} of {m} replications");
        }
        if (lower.Count < 2 || upper.Count == 0)
        {
            notes.Add("fewer than two replications or no evaluated sample: no statistical gap");
            return new StatisticalGapEstimate(null, cancelled, string.Join("; ", notes));
        }
        var low = GapStatistics.Lower(lower, spec.ConfidenceLevel);
        var pair = GapStatistics.Upper(paired, spec.ConfidenceLevel);
        var (stockpiles, choices) = PlanStability.Of(instance, plans);
        var message = string.Join("; ", notes);
        return new StatisticalGapEstimate(new StatisticalGap
        {
            Replications = lower.Count,
            SamplesPerReplication = n,
            EvaluationSamples = spec.EvaluationSamples,
            ConfidenceLevel = spec.ConfidenceLevel,
            LowerBoundUsd = low.Mean,
            LowerBoundCiUsd = low.Bound,
            UpperBoundUsd = upper.Mean,
            UpperBoundCiUsd = upper.Bound,
            GapUsd = upper.Mean - low.Mean,
            GapCiUsd = upper.Bound - low.Bound,
            PairedGapUsd = pair.Mean,
            PairedGapCiUsd = pair.Bound,
            ReplicationObjectivesUsd = lower,
            InfeasibleEvaluationSamples = infeasibleEvaluation,
            InfeasiblePairedSamples = infeasiblePaired,
            Stockpiles = stockpiles,
            Choices = choices,
            Message = message,
        }, cancelled, message);
    }

    /// <summary>v_i: the SAA problem's proven lower bound, or its objective when it reports none but is optimal.</summary>
    private static double? LowerBound(SaaResult result) =>
        double.IsFinite(result.BoundUsd) ? result.BoundUsd
        : result.Termination == Termination.Optimal && double.IsFinite(result.ObjectiveUsd) ? result.ObjectiveUsd
        : null;

    /// <summary>The plan as a point with η from the main sample (see the class remarks).</summary>
    private static double[] PointOf(
        StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> mainSample, ISolveFarm farm, List<string> notes, CancellationToken cancel)
    {
        if (instance.Policy.RiskWeight <= 0)
        {
            return PlanPoints.Of(instance, policy, []);
        }
        if (instance.Policy.Mode == CooperationMode.Independent)
        {
            throw new ArgumentException("policy.riskWeight: INDEPENDENT mode with CVaR needs the decomposition's η (method benders)", nameof(instance));
        }
        var eta = ValueAtRisk(instance, policy, mainSample, farm, cancel);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"η = {eta:N0} USD, the α = {instance.Policy.CvarAlpha} quantile of the plan's loss on the {mainSample.Count} samples it was solved on"));
        return PlanPoints.Of(instance, policy, [eta]);
    }

    /// <summary>
    /// The probability-weighted α-quantile of the plan's joint loss L_s over <paramref name="samples"/>
    /// (the samples where it has no recourse left out), USD: the V_s of a copy of the instance at
    /// λ = 0 without tie-breaking, which are exactly the L_s.
    /// </summary>
    internal static double ValueAtRisk(StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> samples, ISolveFarm farm, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(samples);
        var neutral = instance with { Policy = instance.Policy with { RiskWeight = 0, TieBreaking = false } };
        var losses = PlanPoints.EvaluateAsync(neutral, samples, PlanPoints.Of(neutral, policy, []), farm, cancel).GetAwaiter().GetResult();
        cancel.ThrowIfCancellationRequested();
        var known = Enumerable.Range(0, samples.Count).Where(s => losses.Values[s] is not null).ToArray();
        if (known.Length == 0)
        {
            throw new InvalidOperationException("the plan has no recourse on any sample it was solved on, so it has no value at risk");
        }
        var weight = known.Sum(s => samples[s].Probability);
        return Distributions.Quantile(
            known.Select(s => losses.Values[s]!.Value).ToArray(),
            known.Select(s => samples[s].Probability / weight).ToArray(),
            instance.Policy.CvarAlpha);
    }

    /// <summary>The probability-weighted mean over the samples with a value (renormalised); null when none has one.</summary>
    private static double? WeightedMean(IReadOnlyList<Scenario> samples, IReadOnlyList<double?> values)
    {
        var weight = 0.0;
        var sum = 0.0;
        for (var s = 0; s < samples.Count; s++)
        {
            if (values[s] is { } value)
            {
                weight += samples[s].Probability;
                sum += samples[s].Probability * value;
            }
        }
        return weight > 0 ? sum / weight : null;
    }

    private static void Note(List<string> notes, int missing, int count, string where, IReadOnlyList<string> messages)
    {
        if (missing > 0)
        {
            notes.Add($"{where}: the plan has no recourse on {missing} of {count} samples, left out of its mean ({messages.FirstOrDefault()})");
        }
    }

    private static void Report(
        IProgress<AnalysisProgress>? progress, Stopwatch clock, int completed, int total, string item, string message, double? lower, double? upper) =>
        progress?.Report(new AnalysisProgress
        {
            Completed = completed,
            Total = total,
            Item = item,
            Message = message,
            Elapsed = clock.Elapsed,
            LowerBoundUsd = lower,
            UpperBoundUsd = upper,
        });
}

/// <summary>The statistical gap (null when it could not be estimated), whether it was cut short, and how it was made.</summary>
internal sealed record StatisticalGapEstimate(StatisticalGap? Gap, bool Cancelled, string Message);

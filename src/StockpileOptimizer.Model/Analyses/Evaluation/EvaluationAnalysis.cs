using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Out-of-sample evaluation (MODEL.md, "Analyses"): a fixed policy on futures it was not
/// fitted to. Each sample is solved alone — the instance with that one scenario, probability 1 —
/// as the recourse LP of the policy (SolveOptions.FixedPolicy, GLOP), side by side within the
/// thread budget; the result is the distribution of cost and shortage over the samples. The
/// inputs are validated once up front; each worker then keeps one recourse LP and re-solves it
/// warm per sample (RecourseEvaluator), with the same costs and shortages as a full solve of
/// each. Samples are solved (and reported) in input order. Where a sample's LP has several optima the
/// one reported may depend on the sample solved before (the warm start); the cost does not.
/// </summary>
public static partial class EvaluationAnalysis
{
    /// <param name="samples">
    /// The futures. Weighted by their probabilities, normalised to sum to 1 (all zero: equal
    /// weights); i.i.d. draws should carry equal probabilities.
    /// </param>
    /// <exception cref="InvalidInstanceException">The instance, the policy or a sample breaks a validation rule (sample paths read samples[i]…).</exception>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static EvaluationResult Run(
        StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> samples, EvaluationOptions? options = null,
        CancellationToken cancel = default, IProgress<AnalysisProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Run(ValidatedInstance.Require(instance), policy, samples, options, cancel, progress);
    }

    /// <summary>The evaluation on an instance already validated; the policy and each sample are checked against it.</summary>
    /// <inheritdoc cref="Run(StockpileInstance, Policy, IReadOnlyList{Scenario}, EvaluationOptions?, CancellationToken, IProgress{AnalysisProgress}?)"/>
    public static EvaluationResult Run(
        ValidatedInstance instance, Policy policy, IReadOnlyList<Scenario> samples, EvaluationOptions? options = null,
        CancellationToken cancel = default, IProgress<AnalysisProgress>? progress = null) =>
        Run(instance, policy, samples, samplesValid: false, options, cancel, progress);

    /// <param name="samplesValid">
    /// The samples come from <see cref="ScenarioGenerator.Sample"/> for this instance, whose every
    /// scenario passes the validator (ScenarioGeneratorTests): only the policy is checked.
    /// </param>
    internal static EvaluationResult Run(
        ValidatedInstance valid, Policy policy, IReadOnlyList<Scenario> samples, bool samplesValid, EvaluationOptions? options,
        CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new EvaluationOptions();
        var instance = valid.Instance;
        Validate(instance, policy, samples, samplesValid);
        var weights = Weights(samples);
        var solve = ParallelSolves.WithinBudget(options.Solve, options.MaxParallelism) with { FixedPolicy = policy };
        var clock = Stopwatch.StartNew();
        var defence = instance.Sectors.Where(k => k.Defence).Select(k => k.Id).ToHashSet();
        var rows = (options.Farm is { } farm
                ? OnFarm(farm, instance, samples, weights, solve, defence, clock, cancel, progress)
                : InProcess(instance, samples, weights, solve, options.MaxParallelism, defence, clock, cancel, progress))
            .Select((row, i) => row ?? new EvaluationRow
            {
                Index = i, Scenario = samples[i].Id, Weight = weights[i], Termination = Termination.Cancelled,
                Message = "not evaluated: the analysis was cancelled",
            }).ToArray();
        return Summarise(instance, rows, options, cancel.IsCancellationRequested && rows.Any(r => r.Termination == Termination.Cancelled));
    }

    /// <summary>Each sample on a worker's warm recourse LP, side by side within the thread budget, reported sample by sample.</summary>
    private static EvaluationRow?[] InProcess(
        StockpileInstance instance, IReadOnlyList<Scenario> samples, double[] weights, SolveOptions solve, int maxParallelism,
        HashSet<string> defence, Stopwatch clock, CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        using var evaluators = new RecourseEvaluatorPool(instance, solve, samples[0]);
        return ParallelSolves.Run(Enumerable.Range(0, samples.Count).ToArray(), ParallelSolves.Concurrency(solve, maxParallelism),
            i => Row(i, samples[i], weights[i], evaluators.Evaluate(samples[i], cancel), defence),
            (i, row) => Line(samples, i, row), clock, cancel, progress);
    }

    /// <summary>Samples per farm batch at most: small enough that a lost batch costs little, large enough to keep a warm LP busy.</summary>
    private const int FarmBatch = 50;

    /// <summary>
    /// The samples in batches on a farm (each batch on one warm recourse LP), all batches at
    /// once; a batch's samples are reported, in order, when it comes back.
    /// </summary>
    private static EvaluationRow?[] OnFarm(
        Sampling.ISolveFarm farm, StockpileInstance instance, IReadOnlyList<Scenario> samples, double[] weights, SolveOptions solve,
        HashSet<string> defence, Stopwatch clock, CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        var split = Sampling.BatchWork.Split(Guid.NewGuid().ToString("N"), instance, samples, farm.Parallelism, FarmBatch);
        var rows = new EvaluationRow?[samples.Count];
        var completed = 0;
        var gate = new object();
        var batches = split.Select(async batch =>
        {
            var (work, first) = batch;
            IReadOnlyList<RecourseOutcome> outcomes;
            try
            {
                outcomes = await farm.EvaluateAsync(work, solve, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // A farm may end a cancelled batch at once: its samples stay "not evaluated".
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The farm gave up on this batch (a cluster that kept losing it): its samples are
                // reported unsolved with the reason, the other batches' rows stand.
                outcomes = work.Instance.Scenarios.Select(_ => new RecourseOutcome(Termination.Error, "the solve farm failed: " + e.Message, null)).ToArray();
            }
            lock (gate)
            {
                for (var k = 0; k < outcomes.Count; k++)
                {
                    var i = first + k;
                    rows[i] = Row(i, samples[i], weights[i], outcomes[k], defence);
                    var (item, message) = Line(samples, i, rows[i]!);
                    progress?.Report(new AnalysisProgress
                    {
                        Completed = ++completed, Total = samples.Count, Item = item, Message = message, Elapsed = clock.Elapsed,
                    });
                }
            }
        }).ToArray();
        Task.WhenAll(batches).GetAwaiter().GetResult();
        return rows;
    }

    private static (string Item, string Message) Line(IReadOnlyList<Scenario> samples, int i, EvaluationRow row) =>
        ($"sample {i + 1} ({samples[i].Id})", row.CostUsd is { } cost
            ? $"cost {cost:N2} USD, shortage {row.ShortageTonnes:G6} t"
            : $"{row.Termination.ToString().ToLowerInvariant()}: {row.Message}");

    /// <summary>The instance facing one future for sure: that scenario alone, probability 1, risk-neutral (one outcome has no tail).</summary>
    public static StockpileInstance Alone(StockpileInstance instance, Scenario scenario) => instance with
    {
        Scenarios = [scenario with { Probability = 1 }],
        Policy = instance.Policy with { RiskWeight = 0 },
    };

    /// <summary>The policy, and the samples unless <paramref name="samplesValid"/>, against the (valid) instance.</summary>
    private static void Validate(StockpileInstance instance, Policy policy, IReadOnlyList<Scenario> samples, bool samplesValid)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("out-of-sample evaluation needs at least one sample", nameof(samples));
        }
        var violations = PolicyFixer.Validate(instance, policy).ToList();
        for (var i = 0; i < (samplesValid ? 0 : samples.Count); i++)
        {
            var prefix = $"samples[{i}]";
            violations.AddRange(InstanceValidator.Validate(Alone(instance, samples[i])).Select(v =>
                new Violation(v.Path.Replace("scenarios[0]", prefix, StringComparison.Ordinal), v.Message)));
            if (!(samples[i].Probability >= 0) || double.IsInfinity(samples[i].Probability))
            {
                violations.Add(new Violation($"{prefix}.probability", $"{prefix}.probability must be a finite number ≥ 0 (got {samples[i].Probability})"));
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidInstanceException(violations);
        }
    }

    private static double[] Weights(IReadOnlyList<Scenario> samples)
    {
        var total = samples.Sum(s => s.Probability);
        return total > 0 ? samples.Select(s => s.Probability / total).ToArray() : samples.Select(_ => 1.0 / samples.Count).ToArray();
    }

    private static EvaluationRow Row(int index, Scenario sample, double weight, RecourseOutcome outcome, IReadOnlySet<string> defence)
    {
        var row = new EvaluationRow
        {
            Index = index, Scenario = sample.Id, Weight = weight, Termination = outcome.Termination, Message = outcome.Message,
        };
        if (outcome.Path is not { } path)
        {
            return row;
        }
        return row with
        {
            CostUsd = path.CostUsd,
            ShortageTonnes = path.ShortageTonnes,
            DefenceShortageTonnes = path.Shortages.Where(s => defence.Contains(s.Sector)).Sum(s => s.Tonnes.Sum()),
        };
    }

    private static EvaluationResult Summarise(StockpileInstance instance, EvaluationRow[] rows, EvaluationOptions options, bool cancelled)
    {
        var feasible = rows.Where(r => r.CostUsd is not null).ToArray();
        var infeasible = rows.Where(r => r.Termination == Termination.Infeasible).ToArray();
        var result = new EvaluationResult
        {
            Samples = rows.Length,
            Feasible = feasible.Length,
            Infeasible = infeasible.Length,
            Unsolved = rows.Length - feasible.Length - infeasible.Length,
            InfeasibleProbability = infeasible.Sum(r => r.Weight),
            Rows = rows,
            Cancelled = cancelled,
        };
        var weight = feasible.Sum(r => r.Weight);
        if (feasible.Length == 0 || weight <= 0)
        {
            return result with { Message = Message(result, "no sample has a feasible recourse, so there is no distribution") };
        }
        var weights = feasible.Select(r => r.Weight / weight).ToArray();
        Distribution Of(Func<EvaluationRow, double?> value) => Distributions.Of(
            feasible.Select(r => value(r)!.Value).ToArray(), weights, instance.Policy.CvarAlpha, options.ConfidenceLevel, options.Quantiles);
        var cost = Of(r => r.CostUsd);
        result = result with
        {
            Cost = cost,
            Shortage = Of(r => r.ShortageTonnes),
            DefenceShortage = Of(r => r.DefenceShortageTonnes),
            DefenceShortageProbability = feasible.Select((r, i) => r.DefenceShortageTonnes > options.ShortageToleranceTonnes ? weights[i] : 0).Sum(),
        };
        return result with
        {
            Message = Message(result, $"mean cost {cost.Mean:N2} USD"
                + (cost.Interval is { } ci ? $" ± {ci.HalfWidth:N2} ({ci.Level:P0})" : "")
                + $", P(defence shortage) = {result.DefenceShortageProbability:P1}"),
        };
    }

    private static string Message(EvaluationResult result, string summary) =>
        (result.Cancelled ? "cancelled; " : "")
        + $"{result.Feasible} of {result.Samples} samples feasible"
        + (result.Infeasible > 0 ? $", {result.Infeasible} infeasible (the policy breaks a budget, refill, coverage or storage row there)" : "")
        + (result.Unsolved > 0 ? $", {result.Unsolved} not evaluated" : "")
        + "; " + summary;
}

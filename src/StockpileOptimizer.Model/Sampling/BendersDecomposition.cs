using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The L-shaped method on a sample-average problem (docs/sampling.md): the samples in batches
/// on a farm, their cuts aggregated into cut groups, the master relaxed until its bounds meet,
/// then integer until the gap closes. Every lower bound reported is a bound of the SAA
/// problem (the relaxed master's before the integer phase, the integer master's after); the
/// upper bound is the best integer plan's exact value on the samples.
/// </summary>
internal sealed class BendersDecomposition
{
    /// <summary>The relaxed phase ends when its own gap is below this (or the requested gap, if larger) …</summary>
    private const double RelaxedGap = 1e-4;
    /// <summary>… or after this many iterations.</summary>
    private const int RelaxedIterations = 60;

    private readonly StockpileInstance instance;
    private readonly SaaSettings settings;
    private readonly ISolveFarm farm;
    private readonly BatchWork[] batches;
    /// <summary>Position of each batch's first sample.</summary>
    private readonly int[] start;
    private readonly int[] groupOf;
    private readonly double[] probability;
    private readonly double scale;

    public BendersDecomposition(StockpileInstance instance, SaaSettings settings, ISolveFarm farm)
    {
        this.instance = instance;
        this.settings = settings;
        this.farm = farm;
        var n = instance.Scenarios.Count;
        probability = instance.Scenarios.Select(s => s.Probability).ToArray();
        var groups = Math.Clamp(settings.CutGroups, 1, n);
        groupOf = Enumerable.Range(0, n).Select(s => (int)((long)s * groups / n)).ToArray();
        Groups = groups;
        var split = BatchWork.Split(settings.ProblemId, instance, instance.Scenarios, farm.Parallelism, MaxBatch);
        batches = split.Select(b => b.Work).ToArray();
        start = split.Select(b => b.First).ToArray();
        scale = SampleData(0).MoneyScale;
    }

    /// <summary>Relaxed iterations without a better master bound after which the in-out point is dropped.</summary>
    private const int StallLimit = 3;

    /// <summary>The in-out point: halfway from the centre to the master's point (a convex combination, so within the relaxed first stage).</summary>
    private static double[] Between(double[] point, double[] center) =>
        point.Select((x, j) => 0.5 * x + 0.5 * center[j]).ToArray();

    /// <summary>Samples per batch at most: more batches than farm slots keep every slot busy.</summary>
    private const int MaxBatch = 250;

    public int Groups { get; }

    public int Batches => batches.Length;

    /// <param name="clock">Started when the SAA problem's solve began (its start plan included): the iterations' times and the time limit count from it.</param>
    public async Task<Decomposed> RunAsync(IProgress<AnalysisProgress>? progress, Stopwatch clock, CancellationToken cancel)
    {
        var iterations = new List<DecompositionIteration>();
        // The best integer plan's value (solver units): the start plan's or a "mip" iteration's.
        var upper = double.PositiveInfinity;
        try
        {
            var bounds = await SolveAllAsync(null, cancel).ConfigureAwait(false);
            if (bounds.Failed is { } failed)
            {
                return cancel.IsCancellationRequested
                    ? Stop(Termination.Cancelled, "cancelled", null, null)
                    : Stop(Termination.Error, bounds.Answers.Length == 0 ? failed : "a sample's wait-and-see LP failed: " + failed, null, null);
            }
            if (bounds.Answers.FirstOrDefault(a => a.Status == SubproblemStatus.Infeasible) is { } alone)
            {
                return Stop(Termination.Infeasible, alone.Message, null, null);
            }
            var thetaLower = new double[Groups];
            for (var s = 0; s < probability.Length; s++)
            {
                thetaLower[groupOf[s]] += probability[s] * bounds.Answers[s].Value;
            }
            using var master = new BendersMaster(
                SampleData(0), thetaLower, settings.Solve);
            var lower = thetaLower.Sum();
            double[]? incumbent = null;
            Domain.Policy? plan = null;
            var relaxedUpper = double.PositiveInfinity;
            var relaxed = true;
            // In-out stabilisation of the relaxed phase: the samples are solved between the
            // master's point and the best point so far (the centre), which damps Kelley's
            // zig-zag; plain cutting planes once the master's bound stalls.
            double[]? center = null;
            var centerValue = double.PositiveInfinity;
            var stalled = 0;
            if (settings.Start is { } first)
            {
                // A plan to start from (the extensive form of a few samples): its cuts steer the
                // first masters away from the corners of the first-stage box, and a feasible
                // start is the first incumbent.
                var round = await SolveAllAsync(first.Point, cancel).ConfigureAwait(false);
                if (round.Failed is null)
                {
                    var value = AddCuts(master, first.Point, round.Answers, out var feasible, out var without);
                    // The start is the in-out centre even where a few samples have no recourse
                    // at it: the point choice is a heuristic, the bounds come from the master and
                    // from feasible points only.
                    center = first.Point;
                    if (feasible)
                    {
                        (upper, incumbent, plan) = (value, first.Point, first.Policy);
                        centerValue = value;
                    }
                    else if (Embed(master, without) && master.Nearest(first.Point, cancel) is { } repair)
                    {
                        // Those samples are now in the master: the centre becomes the point of
                        // the master's first stage nearest the start (its tiers and builds kept
                        // where possible, then it is a plan), evaluated like any point.
                        var check = await SolveAllAsync(repair.Point, cancel).ConfigureAwait(false);
                        if (check.Failed is null)
                        {
                            var repairedValue = AddCuts(master, repair.Point, check.Answers, out var repairedFeasible, out var still);
                            _ = Embed(master, still);
                            if (repairedFeasible)
                            {
                                (center, centerValue) = (repair.Point, repairedValue);
                                if (repair.Policy is { } repairedPlan)
                                {
                                    (upper, incumbent, plan) = (repairedValue, repair.Point, repairedPlan);
                                }
                            }
                        }
                    }
                }
            }
            for (var iteration = 1; iteration <= settings.MaxIterations; iteration++)
            {
                if (cancel.IsCancellationRequested)
                {
                    return Stop(Termination.Cancelled, "cancelled", incumbent, plan);
                }
                var solved = relaxed
                    ? master.SolveRelaxed(cancel)
                    : master.SolveInteger(settings.Solve.Solver, Remaining(clock), settings.Gap / 4, incumbent, cancel);
                if (solved.Point is null)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        return Stop(Termination.Cancelled, "cancelled", incumbent, plan);
                    }
                    return solved.Status == Solver.ResultStatus.INFEASIBLE
                        ? Stop(Termination.Infeasible, "no plan satisfies the first-stage rows and the feasibility cuts: some sample's budget or refill rows cannot be met by any plan", incumbent, plan)
                        : Stop(Termination.Error, $"the {(relaxed ? "relaxed" : "integer")} master ended {solved.Status}", incumbent, plan);
                }
                var phaseLower = solved.Bound;
                if (relaxed && phaseLower > lower + 1e-9 * Math.Abs(lower))
                {
                    stalled = 0;
                }
                else if (relaxed)
                {
                    stalled++;
                }
                // A centre without recourse in some sample (an infeasible start) steers the first
                // points away from the box's corners until samples are embedded; then it would
                // only drag the points out of the embedded samples' feasible set, so it waits for
                // a feasible point to replace it.
                var centred = center is not null && (double.IsFinite(centerValue) || master.Embedded == 0);
                var point = relaxed && centred && stalled < StallLimit ? Between(solved.Point, center!) : solved.Point;
                var pointPlan = relaxed ? null : master.PolicyAt();
                var round = await SolveAllAsync(point, cancel).ConfigureAwait(false);
                if (round.Failed is { } why)
                {
                    return Stop(cancel.IsCancellationRequested ? Termination.Cancelled : Termination.Error, why, incumbent, plan);
                }
                var value = AddCuts(master, point, round.Answers, out var feasible, out var without);
                _ = Embed(master, without);
                if (relaxed)
                {
                    lower = Math.Max(lower, phaseLower);
                    if (feasible)
                    {
                        relaxedUpper = Math.Min(relaxedUpper, value);
                        if (value < centerValue)
                        {
                            (center, centerValue) = (point, value);
                        }
                    }
                }
                else
                {
                    lower = Math.Max(lower, phaseLower);
                    if (feasible && value < upper)
                    {
                        (upper, incumbent, plan) = (value, point, pointPlan);
                    }
                }
                // An integer plan's value bounds the relaxation too: the relaxed phase's upper
                // bound is the better of its own points' and the incumbent's (the start plan).
                var shownUpper = relaxed ? Math.Min(relaxedUpper, upper) : upper;
                var gap = Gap(lower, shownUpper);
                iterations.Add(new DecompositionIteration(iteration, relaxed ? "lp" : "mip", lower / scale,
                    double.IsFinite(shownUpper) ? shownUpper / scale : double.NaN, gap, master.Cuts, clock.Elapsed.TotalSeconds));
                Report(progress, iterations[^1], clock);
                if (relaxed)
                {
                    relaxed = !(Gap(phaseLower, shownUpper) <= Math.Max(RelaxedGap, settings.Gap) || iteration >= RelaxedIterations);
                }
                else if (gap <= settings.Gap)
                {
                    return Done(Termination.Optimal, "");
                }
                if (settings.TimeLimit is { } limit && clock.Elapsed >= limit)
                {
                    return Done(Termination.TimeLimit, "the time limit ended the decomposition");
                }
            }
            return Done(Termination.Feasible, $"{settings.MaxIterations} iterations did not close the gap");

            Decomposed Done(Termination termination, string message) =>
                new(incumbent is null && termination is Termination.Optimal or Termination.Feasible ? Termination.Error : termination,
                    incumbent is null && message.Length == 0 ? "no integer plan was found" : message,
                    plan, incumbent, upper / scale, lower / scale, Gap(lower, upper), iterations);
        }
        finally
        {
            await farm.ReleaseAsync(settings.ProblemId, batches.Length).ConfigureAwait(false);
        }

        Decomposed Stop(Termination termination, string message, double[]? incumbent, Domain.Policy? plan)
        {
            var last = iterations.Count > 0 ? iterations[^1] : null;
            var up = incumbent is null ? double.NaN : upper / scale;
            var low = last?.LowerBoundUsd ?? double.NaN;
            return new(termination, message, plan, incumbent, up, low, incumbent is null ? double.NaN : Gap(low, up), iterations);
        }
    }

    /// <summary>
    /// Adds each group's aggregated optimality cut and each infeasible sample's feasibility cut;
    /// returns Σ π_s V_s over the samples (meaningful when all are feasible).
    /// </summary>
    private double AddCuts(BendersMaster master, double[] point, SubproblemAnswer[] answers, out bool feasible, out List<int> infeasible)
    {
        infeasible = [];
        var n = point.Length;
        var coefficients = new double[Groups][];
        var bound = new double[Groups];
        var value = 0.0;
        feasible = true;
        for (var s = 0; s < answers.Length; s++)
        {
            var answer = answers[s];
            if (answer.Status == SubproblemStatus.Infeasible)
            {
                feasible = false;
                infeasible.Add(s);
                if (double.IsNaN(answer.Value))
                {
                    // No cut from this sample at this point (its batch gave its feasibility cuts).
                    continue;
                }
                // φ(x̂) + g·(x − x̂) ≤ 0  ⇔  g·x ≤ g·x̂ − φ(x̂)
                master.Add(new BendersMaster.Cut(-1, Clean(answer.Subgradient), Dot(answer.Subgradient, point) - answer.Value));
                continue;
            }
            var g = groupOf[s];
            var a = coefficients[g] ??= new double[n];
            var p = probability[s];
            for (var j = 0; j < n; j++)
            {
                a[j] += p * answer.Subgradient[j];
            }
            // θ_g ≥ Σ π_s (V_s + g_s·(x − x̂))  ⇔  θ_g − a·x ≥ Σ π_s (V_s − g_s·x̂)
            bound[g] += p * (answer.Value - Dot(answer.Subgradient, point));
            value += p * answer.Value;
        }
        for (var g = 0; g < Groups; g++)
        {
            if (coefficients[g] is { } a)
            {
                master.Add(new BendersMaster.Cut(g, Clean(a), bound[g]));
            }
        }
        return value;
    }

    /// <summary>Samples whose recourse the master takes in at most (each adds a sample's rows to every master solve).</summary>
    public const int MaxEmbedded = 8;

    /// <summary>
    /// A point (the start plan, or a master's point) without recourse in a few samples: their
    /// recourse goes into the master (BendersMaster.Embed), up to <see cref="MaxEmbedded"/> in
    /// all, so the master's next points are feasible for them. Only when no more than the room
    /// left is infeasible there: many samples without recourse mean a point far off (an early
    /// master's corner of the box), which feasibility cuts handle.
    /// </summary>
    /// <returns>Whether the samples went into the master.</returns>
    private bool Embed(BendersMaster master, List<int> infeasible)
    {
        if (infeasible.Count == 0 || infeasible.Count > MaxEmbedded - master.Embedded)
        {
            return false;
        }
        foreach (var s in infeasible)
        {
            master.Embed(SampleData(s));
        }
        return true;
    }

    /// <summary>The model data of sample s alone (probability 1): a subproblem's, an embedded sample's; sample 0's shapes the master.</summary>
    private ModelData SampleData(int s) => new(SubproblemWorker.Alone(instance, instance.Scenarios[s]), instance.Policy.Mode);

    /// <summary>Drops coefficients that are noise next to the cut's largest (a cleaner master, the same cut to solver tolerance).</summary>
    private static double[] Clean(double[] a)
    {
        var largest = a.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return a.Select(x => Math.Abs(x) <= 1e-12 * largest ? 0 : x).ToArray();
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }
        return sum;
    }

    private static double Gap(double lower, double upper) =>
        double.IsFinite(upper) && double.IsFinite(lower) ? Math.Max(0, upper - lower) / Math.Max(1e-9, Math.Abs(upper)) : double.PositiveInfinity;

    private TimeSpan? Remaining(Stopwatch clock) =>
        settings.TimeLimit is { } limit ? TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (limit - clock.Elapsed).Ticks)) : null;

    private async Task<Round> SolveAllAsync(double[]? point, CancellationToken cancel)
    {
        BatchAnswer[] answers;
        try
        {
            answers = await Task.WhenAll(batches.Select(b => farm.SolveAsync(b, point, cancel))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // A farm may give up a cancelled round by throwing (the local one does while a batch waits for a slot).
            return new Round([], "cancelled");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A farm that gave up on a batch (a cluster that kept losing it): the decomposition
            // ends with an error naming it, or as cancelled when it was cancelled meanwhile.
            return new Round([], "the solve farm failed: " + e.Message);
        }
        var all = new SubproblemAnswer[probability.Length];
        string? failed = null;
        for (var b = 0; b < answers.Length; b++)
        {
            foreach (var answer in answers[b].Scenarios)
            {
                all[start[b] + answer.Scenario] = answer;
                if (answer.Status == SubproblemStatus.Failed)
                {
                    failed ??= answer.Message;
                }
            }
        }
        return new Round(all, failed);
    }

    private void Report(IProgress<AnalysisProgress>? progress, DecompositionIteration it, Stopwatch clock) =>
        progress?.Report(new AnalysisProgress
        {
            Completed = it.Iteration,
            Total = settings.MaxIterations,
            Item = string.Create(CultureInfo.InvariantCulture, $"iteration {it.Iteration} ({it.Phase})"),
            Message = string.Create(CultureInfo.InvariantCulture,
                $"lower {it.LowerBoundUsd:N0}, upper {(double.IsFinite(it.UpperBoundUsd) ? it.UpperBoundUsd.ToString("N0", CultureInfo.InvariantCulture) : "none")}, gap {(double.IsFinite(it.Gap) ? it.Gap.ToString("P3", CultureInfo.InvariantCulture) : "∞")}"),
            Elapsed = clock.Elapsed,
            LowerBoundUsd = it.LowerBoundUsd,
            UpperBoundUsd = double.IsFinite(it.UpperBoundUsd) ? it.UpperBoundUsd : null,
            Gap = double.IsFinite(it.Gap) ? it.Gap : null,
        });

    private sealed record Round(SubproblemAnswer[] Answers, string? Failed);
}

/// <summary>What a decomposition needs besides its samples; <see cref="ProblemId"/> names its batches on a farm; <see cref="Start"/> is an integer plan to begin from.</summary>
internal sealed record SaaSettings(string ProblemId, double Gap, int MaxIterations, int CutGroups, TimeSpan? TimeLimit, SolveOptions Solve)
{
    public StartPlan? Start { get; init; }
}

/// <summary>An integer plan and its point.</summary>
internal sealed record StartPlan(double[] Point, Domain.Policy Policy);

/// <summary>The decomposition's outcome, money in USD; the plan and point are the best integer plan found (null: none).</summary>
internal sealed record Decomposed(
    Termination Termination, string Message, Domain.Policy? Policy, double[]? Point,
    double UpperUsd, double LowerUsd, double Gap, IReadOnlyList<DecompositionIteration> Iterations);

using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// Runs an analysis job's engine call on the worker's thread: the spec becomes the Model's
/// options, with the job's solver-thread budget as MaxParallelism (a smaller MaxParallelism in
/// the spec wins), and the job's solve options (time limit, gap, solver, seed) for every solve.
/// Solves that run side by side get one thread each; a lone solve (a warm-started sweep point,
/// the solve that finds an evaluation's policy) gets the whole budget. Analyses return their
/// partial result when cancelled; only bad input and solver failures throw.
/// </summary>
internal static class AnalysisRunner
{
    /// <summary>The threads the analysis may use at once: the spec's wish, capped at the job's budget.</summary>
    public static int Parallelism(AnalysisSpec spec, int budget) =>
        Math.Clamp(spec.MaxParallelism ?? budget, 1, Math.Max(1, budget));

    /// <summary>The options of each solve: analyses read neither shadow prices nor the infeasibility diagnosis.</summary>
    public static SolveOptions EachSolve(SolveOptions solve) =>
        solve with { Threads = 1, ShadowPrices = false, Explain = false, DiagnoseInfeasibility = false, FixedPolicy = null, Hint = null };

    /// <exception cref="InvalidInstanceException">The instance, a policy or a sample breaks a validation rule.</exception>
    /// <exception cref="ArgumentException">The spec does not fit the instance (too many countries, bad values or distribution).</exception>
    /// <exception cref="AnalysisFailedException">The evaluation found no policy to evaluate.</exception>
    public static AnalysisResult Run(
        StockpileInstance instance, AnalysisSpec spec, SolveOptions solve, int budget, CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        var parallelism = Parallelism(spec, budget);
        var each = EachSolve(solve);
        return spec switch
        {
            CooperationAnalysisSpec c => new CooperationAnalysisResult
            {
                Result = CooperationAnalysis.Run(
                    instance, new CooperationOptions { MaxCountries = c.MaxCountries, MaxParallelism = parallelism, Solve = each }, cancel, progress),
            },
            FrontierAnalysisSpec f => new FrontierAnalysisResult
            {
                Result = FrontierAnalysis.Run(instance, Frontier(f, each, parallelism), cancel, progress),
            },
            EvaluationAnalysisSpec e => Evaluate(instance, e, each, parallelism, cancel, progress),
            _ => throw new ArgumentException($"unknown analysis \"{spec.Kind}\"", nameof(spec)),
        };
    }

    public static FrontierSpec Frontier(FrontierAnalysisSpec spec, SolveOptions each, int parallelism) => new()
    {
        Parameter = spec.Parameter,
        Values = spec.Values,
        Range = spec.Range,
        WarmStart = spec.WarmStart,
        MaxParallelism = parallelism,
        // Warm-started points run one after another: each may use the whole budget.
        Solve = spec.WarmStart ? each with { Threads = parallelism } : each,
    };

    /// <summary>How many solves the analysis will run, for the RUNNING event; null when it depends on the outcome.</summary>
    public static int Solves(StockpileInstance instance, AnalysisSpec spec) => spec switch
    {
        CooperationAnalysisSpec => (1 << Math.Min(instance.Countries.Count, 30)) - 1,
        FrontierAnalysisSpec f => f.Values?.Count ?? f.Range?.Steps ?? 0,
        EvaluationAnalysisSpec e => EvaluationSolves(instance, e),
        _ => 0,
    };

    private static int EvaluationSolves(StockpileInstance instance, EvaluationAnalysisSpec spec) =>
        (spec.Policy is null ? 1 : 0)
        + (spec.Scenarios?.Count ?? spec.Samples)
        + (spec.Vss ? 3 : 0)
        + (spec.Evpi ? 1 + instance.Scenarios.Count : 0);

    /// <summary>
    /// The evaluation job: the policy (given, or the instance's optimum), the futures (given or
    /// sampled), the out-of-sample evaluation, then VSS and EVPI when asked for. Progress counts
    /// every solve of every part: k of N over the whole job.
    /// </summary>
    private static EvaluationAnalysisResult Evaluate(
        StockpileInstance instance, EvaluationAnalysisSpec spec, SolveOptions each, int parallelism,
        CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        InstanceValidator.ThrowIfInvalid(instance);
        var total = EvaluationSolves(instance, spec);
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var options = new EvaluationOptions { MaxParallelism = parallelism, ConfidenceLevel = spec.ConfidenceLevel, Solve = each };

        var policy = spec.Policy;
        var policySource = "given";
        if (policy is null)
        {
            var solved = StockpileSolver.Solve(instance, each with { Threads = parallelism }, cancel);
            done++;
            progress?.Report(new AnalysisProgress
            {
                Completed = done, Total = total, Item = "solve of the instance (the policy to evaluate)",
                Message = Describe(solved), Elapsed = clock.Elapsed,
            });
            if (cancel.IsCancellationRequested || solved.Solver.Termination == Termination.Cancelled)
            {
                return new EvaluationAnalysisResult
                {
                    PolicySource = "solve of the instance (cancelled)",
                    WasCancelled = true,
                    Summary = "cancelled while the policy to evaluate was being found; nothing was evaluated",
                };
            }
            if (solved.Policy is null)
            {
                throw new AnalysisFailedException(
                    $"no policy to evaluate: the solve of the instance ended {Name(solved.Solver.Termination)}"
                    + (solved.Solver.Message.Length > 0 ? $" ({solved.Solver.Message})" : "")
                    + "; give a policy, or solve the instance for the diagnosis");
            }
            policy = solved.Policy;
            policySource = string.Create(CultureInfo.InvariantCulture,
                $"solve of {instance.Name} ({Name(solved.Solver.Termination)}, objective {solved.Solver.Objective:N2} USD)");
        }

        var (samples, samplesSource) = Samples(instance, spec);
        var outOfSample = EvaluationAnalysis.Run(instance, policy, samples, options, cancel, Offset(progress, done, total));
        done += samples.Count;

        StochasticSolutionValue? vss = null;
        if (spec.Vss && !cancel.IsCancellationRequested)
        {
            vss = EvaluationAnalysis.ValueOfStochasticSolution(instance, options, cancel, Offset(progress, done, total));
        }
        done += spec.Vss ? 3 : 0;
        PerfectInformationValue? evpi = null;
        if (spec.Evpi && !cancel.IsCancellationRequested)
        {
            evpi = EvaluationAnalysis.ExpectedValueOfPerfectInformation(instance, options, cancel, Offset(progress, done, total));
        }

        var skipped = (spec.Vss && vss is null) || (spec.Evpi && evpi is null);
        var cancelled = cancel.IsCancellationRequested
            && (outOfSample.Cancelled || skipped || vss?.Cancelled == true || evpi?.Cancelled == true);
        var parts = new List<string> { outOfSample.Message };
        if (vss is not null)
        {
            parts.Add(vss.Message);
        }
        if (evpi is not null)
        {
            parts.Add(evpi.Message);
        }
        if (skipped)
        {
            parts.Add("cancelled before " + (spec.Vss && vss is null ? (spec.Evpi ? "VSS and EVPI" : "VSS") : "EVPI"));
        }
        return new EvaluationAnalysisResult
        {
            Policy = policy,
            PolicySource = policySource,
            SamplesSource = samplesSource,
            OutOfSample = outOfSample,
            Vss = vss,
            Evpi = evpi,
            WasCancelled = cancelled,
            Summary = string.Join("; ", parts),
        };
    }

    /// <summary>The futures of an evaluation: the given scenarios, or a seeded sample.</summary>
    public static (IReadOnlyList<Scenario> Samples, string Source) Samples(StockpileInstance instance, EvaluationAnalysisSpec spec)
    {
        if (spec.Scenarios is { Count: > 0 } given)
        {
            return (given, $"{given.Count} scenarios given with the request");
        }
        var distribution = spec.Distribution ?? ScenarioDistribution.Default;
        var samples = ScenarioGenerator.Sample(instance, distribution, spec.Samples, spec.Seed);
        return (samples, string.Create(CultureInfo.InvariantCulture,
            $"{spec.Samples} scenarios sampled with seed {spec.Seed} from {(spec.Distribution is null ? "the default distribution" : "the given distribution")}"));
    }

    /// <summary>The line of a progress event: "k of N done: ITEM — OUTCOME".</summary>
    public static string Line(AnalysisProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Completed} of {p.Total} done: {p.Item}") + (p.Message.Length > 0 ? " — " + p.Message : "");

    private static IProgress<AnalysisProgress>? Offset(IProgress<AnalysisProgress>? progress, int before, int total) =>
        progress is null ? null : new OffsetProgress(progress, before, total);

    private static string Describe(SolveResult result) => result.Policy is null
        ? $"{Name(result.Solver.Termination)}: no plan"
        : string.Create(CultureInfo.InvariantCulture, $"{Name(result.Solver.Termination)}, objective {result.Solver.Objective:N2} USD");

    private static string Name(Termination termination) => termination.ToString().ToLowerInvariant();

    /// <summary>Reports a part's progress as progress of the whole job: its count after the parts before it.</summary>
    private sealed class OffsetProgress(IProgress<AnalysisProgress> inner, int before, int total) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => inner.Report(value with { Completed = before + value.Completed, Total = total });
    }
}

/// <summary>An analysis could not produce a result (e.g. no policy to evaluate); the job FAILS with this message.</summary>
public sealed class AnalysisFailedException(string message) : Exception(message);

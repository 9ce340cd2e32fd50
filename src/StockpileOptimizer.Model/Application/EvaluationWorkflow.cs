using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Application;

/// <summary>
/// "Evaluate a plan, with VSS and EVPI", composed once for every front end: the policy (given,
/// or the instance's optimum), the futures (given, or sampled with the spec's seed), the
/// out-of-sample evaluation, then VSS and EVPI on the instance's own scenarios when asked for.
/// Progress counts every solve of every part: k of N over the whole run.
/// </summary>
internal static class EvaluationWorkflow
{
    /// <summary>The solves of the whole run: the policy's (when none is given), one per future, 3 for VSS, 1 + S for EVPI.</summary>
    public static int Solves(StockpileInstance instance, EvaluationAnalysisSpec spec) =>
        (spec.Policy is null ? 1 : 0)
        + (spec.Scenarios?.Count ?? spec.Samples)
        + (spec.Vss ? 3 : 0)
        + (spec.Evpi ? 1 + instance.Scenarios.Count : 0);

    public static EvaluationAnalysisResult Run(
        ValidatedInstance valid, EvaluationAnalysisSpec spec, SolveOptions each, int parallelism,
        CancellationToken cancel, IProgress<AnalysisProgress>? progress, Sampling.ISolveFarm? farm = null)
    {
        var instance = valid.Instance;
        var total = Solves(instance, spec);
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var options = new EvaluationOptions { MaxParallelism = parallelism, ConfidenceLevel = spec.ConfidenceLevel, Solve = each, Farm = farm };

        var policy = spec.Policy;
        var policySource = "given";
        if (policy is null)
        {
            var solved = StockpileApplication.Run(valid, each with { Threads = parallelism }, null, cancel);
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
                    $"no plan to evaluate: the solve of the instance ended {Name(solved.Solver.Termination)}"
                    + (solved.Solver.Message.Length > 0 ? $" ({solved.Solver.Message})" : "")
                    + "; give a policy, or solve the instance for the diagnosis",
                    solved.Solver.Termination);
            }
            policy = solved.Policy;
            policySource = string.Create(CultureInfo.InvariantCulture,
                $"solve of {instance.Name} ({Name(solved.Solver.Termination)}, objective {solved.Solver.Objective:N2} USD)");
        }

        var (samples, samplesSource) = Samples(instance, spec);
        // Sampled futures pass the validator by construction; given ones are checked.
        var outOfSample = EvaluationAnalysis.Run(
            valid, policy, samples, samplesValid: spec.Scenarios is not { Count: > 0 }, options, cancel, Offset(progress, done, total));
        done += samples.Count;

        StochasticSolutionValue? vss = null;
        if (spec.Vss && !cancel.IsCancellationRequested)
        {
            vss = EvaluationAnalysis.ValueOfStochasticSolution(valid, options, cancel, Offset(progress, done, total));
        }
        done += spec.Vss ? 3 : 0;
        PerfectInformationValue? evpi = null;
        if (spec.Evpi && !cancel.IsCancellationRequested)
        {
            evpi = EvaluationAnalysis.ExpectedValueOfPerfectInformation(valid, options, cancel, Offset(progress, done, total));
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

    private static IProgress<AnalysisProgress>? Offset(IProgress<AnalysisProgress>? progress, int before, int total) =>
        progress is null ? null : new OffsetProgress(progress, before, total);

    private static string Describe(SolveResult result) => result.Policy is null
        ? $"{Name(result.Solver.Termination)}: no plan"
        : string.Create(CultureInfo.InvariantCulture, $"{Name(result.Solver.Termination)}, objective {result.Solver.Objective:N2} USD");

    private static string Name(Termination termination) => termination.ToString().ToLowerInvariant();

    /// <summary>Reports a part's progress as progress of the whole run: its count after the parts before it.</summary>
    private sealed class OffsetProgress(IProgress<AnalysisProgress> inner, int before, int total) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => inner.Report(value with { Completed = before + value.Completed, Total = total });
    }
}

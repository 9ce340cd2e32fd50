using System.Text.RegularExpressions;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Cli.Engine;

/// <summary>
/// The analyses on the server's AnalysisService: each is a job (Start*, its "k of N done" log
/// events as the analysis progress, GetAnalysisResult at the end); scenarios through
/// GenerateScenarios. Option checks the engine makes before any work (too many countries, bad
/// frontier values) run here first, so that they fail as in process.
/// </summary>
internal sealed partial class RemoteEngine
{
    public async Task<CooperationResult> CooperationAsync(
        StockpileInstance instance, CooperationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var limit = Math.Min(spec.MaxCountries, CooperationAnalysis.HardLimit);
        if (instance.Countries.Count > limit)
        {
            throw new TooManyCountriesException(instance.Countries.Count, limit);
        }
        var request = new V1.StartCooperationRequest
        {
            Instance = DomainMapping.ToProto(instance),
            Options = DomainMapping.ToProto(solve.Settings()),
            Spec = DomainMapping.ToProto(spec),
        };
        var result = await RunAnalysisAsync("cooperation", c => client.StartCooperationAsync(request, c), progress, cancel);
        return DomainMapping.ToDomain(result.Cooperation ?? throw Missing("cooperation", result));
    }

    public async Task<FrontierResult> FrontierAsync(
        StockpileInstance instance, FrontierAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        // The values swept, checked as in process (a bad list or range fails here, not on the server).
        var values = StockpileApplication.Frontier(spec, solve, 1).SweptValues();
        var proto = DomainMapping.ToProto(spec with { Values = values, Range = null });
        var request = new V1.StartFrontierRequest { Instance = DomainMapping.ToProto(instance), Options = DomainMapping.ToProto(solve.Settings()), Spec = proto };
        var result = await RunAnalysisAsync("frontier", c => client.StartFrontierAsync(request, c), progress, cancel);
        return DomainMapping.ToDomain(result.Frontier ?? throw Missing("frontier", result));
    }

    /// <summary>
    /// One evaluation job for the whole command (policy, futures, out-of-sample, VSS, EVPI). A job
    /// that FAILED for want of a policy fails as in process (<see cref="AnalysisFailedException"/>,
    /// with the termination its message names).
    /// </summary>
    public async Task<EvaluationAnalysisResult> EvaluateAsync(
        StockpileInstance instance, EvaluationAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var request = new V1.StartEvaluationRequest { Instance = DomainMapping.ToProto(instance), Options = DomainMapping.ToProto(solve.Settings()), Spec = DomainMapping.ToProto(spec) };
        V1.AnalysisResult result;
        try
        {
            result = await RunAnalysisAsync("evaluate", c => client.StartEvaluationAsync(request, c), progress, cancel);
        }
        catch (RemoteJobFailedException e) when (NoPolicy().Match(e.Message) is { Success: true } m)
        {
            throw new AnalysisFailedException(e.Message[m.Index..], Enum.TryParse<Termination>(m.Groups[1].Value, true, out var t) ? t : null);
        }
        return DomainMapping.ToDomain(result.Evaluation ?? throw Missing("evaluate", result));
    }

    /// <summary>One SAA job for the whole command; its iterations' events carry the bounds.</summary>
    public async Task<SaaResult> SaaAsync(
        StockpileInstance instance, SaaAnalysisSpec spec, SolveOptions solve, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var request = new V1.StartSaaRequest { Instance = DomainMapping.ToProto(instance), Options = DomainMapping.ToProto(solve.Settings()), Spec = DomainMapping.ToProto(spec) };
        var result = await RunAnalysisAsync("solve", c => client.StartSaaAsync(request, c), progress, cancel);
        return DomainMapping.ToDomain(result.Saa ?? throw Missing("solve", result));
    }

    [GeneratedRegex(@"no plan to evaluate: the solve of the instance ended (\w+)")]
    private static partial Regex NoPolicy();

    /// <summary>
    /// GenerateScenarios. Its answer to a reduction holds the kept scenarios only, so a reduced
    /// sample is asked for twice: the sample (the same seed gives the same scenarios, bit for
    /// bit), then its reduction.
    /// </summary>
    public async Task<GeneratedScenarios> GenerateScenariosAsync(StockpileInstance instance, ScenarioGenerationSpec spec, CancellationToken cancel)
    {
        var request = DomainMapping.ToProto(instance, spec with { ReduceTo = null });
        var sampled = (await Call(() => client.GenerateScenariosAsync(request, cancel))).Scenarios.Select(DomainMapping.ToDomain).ToArray();
        if (spec.ReduceTo is not { } keep || keep >= sampled.Length)
        {
            return new GeneratedScenarios(sampled, null);
        }
        request.ReduceTo = keep;
        var response = await Call(() => client.GenerateScenariosAsync(request, cancel));
        var reduction = response.Reduction ?? throw new RemoteJobFailedException($"scenarios --reduce {keep}: the server returned no reduction");
        return new GeneratedScenarios(sampled, new ScenarioReductionResult
        {
            Scenarios = response.Scenarios.Select(DomainMapping.ToDomain).ToArray(),
            Kept = reduction.Kept.ToArray(),
            AssignedTo = reduction.AssignedTo.ToArray(),
            Distance = reduction.Distance,
        });
    }

    /// <summary>Runs an analysis job to its end and reads its result.</summary>
    private async Task<V1.AnalysisResult> RunAnalysisAsync(
        string command, Func<CancellationToken, Task<V1.Job>> start, IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var job = await RunJobAsync(command, start, progress is null ? null : new AnalysisEvents(progress), cancel);
        return await Call(() => client.GetAnalysisResultAsync(job.Name, CancellationToken.None));
    }

    private static Exception Missing(string command, V1.AnalysisResult result) => result.State == V1.JobState.Cancelled
        ? new OperationCanceledException($"{command}: the job {result.Job} was cancelled before it ran")
        : new RemoteJobFailedException($"{command}: the job {result.Job} ended {result.State} without a {result.Kind} result");

    /// <summary>The job's "k of N done: ITEM — OUTCOME" log events as the analysis progress (a decomposition's bounds from the event's numbers); other events are not shown.</summary>
    private sealed partial class AnalysisEvents(IProgress<AnalysisProgress> progress) : IProgress<V1.JobEvent>
    {
        private DateTimeOffset? first;

        public void Report(V1.JobEvent e)
        {
            var time = e.Time?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
            first ??= time;
            if (e.Kind != V1.JobEventKind.Log || Done().Match(e.Message) is not { Success: true } m)
            {
                return;
            }
            progress.Report(new AnalysisProgress
            {
                Completed = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
                Total = int.Parse(m.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
                Item = m.Groups[3].Value,
                Message = m.Groups[4].Value,
                Elapsed = time - first.Value,
                LowerBoundUsd = e.BestBoundUsd,
                UpperBoundUsd = e.ObjectiveUsd,
                Gap = e.Gap,
            });
        }

        [GeneratedRegex(@"^(\d+) of (\d+) done: (.*?)(?: — (.*))?$", RegexOptions.Singleline)]
        private static partial Regex Done();
    }
}

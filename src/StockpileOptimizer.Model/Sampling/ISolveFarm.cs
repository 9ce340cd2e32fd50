using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// Where the many solves of an analysis run: in this process (<see cref="LocalSolveFarm"/>) or
/// spread over a cluster. Three kinds of work: the scenario subproblems of a decomposition
/// (a farm keeps one warm <see cref="SubproblemWorker"/> per batch across iterations where it
/// can; a batch whose worker was lost is rebuilt from <see cref="BatchWork.Instance"/> and gives
/// the same answer), the samples of an out-of-sample evaluation, and whole solves (coalitions,
/// frontier points, VSS and EVPI problems).
/// </summary>
public interface ISolveFarm
{
    /// <summary>Pieces of work the farm runs at once (work is split into at least this many).</summary>
    int Parallelism { get; }

    /// <summary>
    /// Solves every scenario of <paramref name="work"/> at the first-stage <paramref name="point"/>
    /// (in <see cref="FirstStageLayout"/> order), or, with a null point, its wait-and-see lower
    /// bounds (the first stage free). Once <paramref name="cancel"/> is cancelled it may answer
    /// Failed or throw <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<BatchAnswer> SolveAsync(BatchWork work, double[]? point, CancellationToken cancel);

    /// <summary>The decomposition is over: the workers of its <paramref name="batches"/> batches may go.</summary>
    Task ReleaseAsync(string problemId, int batches);

    /// <summary>
    /// Each scenario of <paramref name="work"/> alone under <paramref name="options"/>' fixed
    /// policy (out-of-sample evaluation, EvaluationAnalysis), in batch order.
    /// </summary>
    Task<IReadOnlyList<RecourseOutcome>> EvaluateAsync(BatchWork work, SolveOptions options, CancellationToken cancel);

    /// <summary>One whole solve (StockpileSolver.Solve).</summary>
    Task<SolveResult> SolveAsync(StockpileInstance instance, SolveOptions options, CancellationToken cancel);
}

/// <summary>
/// One batch of an SAA problem: <see cref="Instance"/> is the validated instance with just this
/// batch's scenarios (each solved alone, with probability 1). <see cref="ProblemId"/> and
/// <see cref="Index"/> name it, so a worker built for it can be found again.
/// </summary>
public sealed record BatchWork
{
    public required string ProblemId { get; init; }
    public required int Index { get; init; }
    public required StockpileInstance Instance { get; init; }

    /// <summary>The batch as instance JSON, for farms that ship it to another process.</summary>
    public string ToJson() => InstanceJson.Write(Instance);

    /// <summary>
    /// <paramref name="samples"/> in contiguous batches of <paramref name="instance"/>: at least
    /// twice the farm's width (so every slot stays busy while the slowest batch finishes) and at
    /// most <paramref name="maxBatch"/> samples each; each batch with the position of its first
    /// sample in <paramref name="samples"/>.
    /// </summary>
    public static (BatchWork Work, int First)[] Split(
        string problemId, StockpileInstance instance, IReadOnlyList<Scenario> samples, int parallelism, int maxBatch)
    {
        var n = samples.Count;
        var count = Math.Min(n, Math.Max(parallelism * 2, (n + maxBatch - 1) / maxBatch));
        var start = Enumerable.Range(0, count + 1).Select(b => (int)((long)b * n / count)).ToArray();
        return Enumerable.Range(0, count).Select(b => (new BatchWork
        {
            ProblemId = problemId,
            Index = b,
            Instance = instance with { Scenarios = samples.Skip(start[b]).Take(start[b + 1] - start[b]).ToArray() },
        }, start[b])).ToArray();
    }

    /// <summary>The batch rebuilt from <see cref="ToJson"/>.</summary>
    public static BatchWork FromJson(string problemId, int index, string json) =>
        new() { ProblemId = problemId, Index = index, Instance = InstanceJson.Parse(json) };
}

public enum SubproblemStatus
{
    /// <summary>Solved: <see cref="SubproblemAnswer.Value"/> and its subgradient give an optimality cut.</summary>
    Optimal,
    /// <summary>No recourse at the point: value and subgradient of the phase-1 (budget and refill slack) give a feasibility cut. Without a point (wait-and-see): no plan serves the scenario at all.</summary>
    Infeasible,
    /// <summary>Not solved (cancelled, solver trouble): no cut.</summary>
    Failed,
}

/// <summary>
/// One scenario's answer, in solver units (USD × the instance's money scale): the value of its
/// recourse at the point and a subgradient in first-stage layout order.
/// </summary>
public sealed record SubproblemAnswer(int Scenario, SubproblemStatus Status, double Value, double[] Subgradient, string Message);

/// <summary>A batch's answers, one per scenario in batch order.</summary>
public sealed record BatchAnswer(IReadOnlyList<SubproblemAnswer> Scenarios);

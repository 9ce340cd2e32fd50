using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The recourse LPs of one batch of samples, kept warm across Benders iterations: one
/// rebindable model (StockpileModel.Rebind) moved from sample to sample, GLOP re-solving from
/// the previous basis. Each sample is solved alone with probability 1 and the instance's own
/// risk weight, its first stage (x, y, q, z, w, η) fixed at the point, so its optimal value is
/// the sample's share of the objective: L_s + tie-break + λ·(η + ν_s / (1 − α)); weighted by
/// the sample's probability and summed, that is the extensive form's objective. The reduced
/// costs of the fixed columns are a subgradient (the LP's value is convex in its bounds).
/// Where the recourse has no solution, the phase-1 LP (budget and refill rows elastic, the
/// objective the sum of slacks) gives a feasibility cut. Not thread-safe: one per worker. The
/// instance must have been validated.
/// </summary>
public sealed class SubproblemWorker : IDisposable
{
    /// <summary>GLOP keeps its basis between solves only without presolve.</summary>
    private const string WarmParameters = "use_preprocessing: false use_dual_simplex: true";

    private static readonly ElasticOptions PhaseOne = new(new HashSet<ElasticFamily> { ElasticFamily.Budget, ElasticFamily.Refill }, Priced: false);

    private readonly StockpileInstance batch;
    private readonly ModelData?[] data;
    private readonly Solver solver;
    private readonly StockpileModel model;
    private readonly FirstStageLayout layout;
    private int bound;
    /// <summary>Feasibility cuts left in the current <see cref="Solve"/> call.</summary>
    private int cutsLeft;

    /// <summary>
    /// Feasibility cuts one batch gives per point at most. A phase-1 LP is a model of its own,
    /// built and solved cold (several times a warm recourse LP), and a point far in a corner of
    /// the first-stage box can leave nearly every sample without recourse; one cut already cuts
    /// the point off, and the samples' cuts at one point are much alike. The other samples
    /// without recourse are reported infeasible, without a cut.
    /// </summary>
    public const int FeasibilityCutsPerBatch = 4;

    /// <param name="batch">The validated instance with this batch's samples as its scenarios.</param>
    public SubproblemWorker(StockpileInstance batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Scenarios.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one sample", nameof(batch));
        }
        this.batch = batch;
        data = new ModelData?[batch.Scenarios.Count];
        solver = SolverFactory.CreateLp();
        model = StockpileModel.Build(Data(0), solver, rebindable: true);
        layout = new FirstStageLayout(model);
        solver.SetSolverSpecificParametersAsString(WarmParameters);
    }

    public int Samples => batch.Scenarios.Count;

    /// <summary>Columns of the first stage (the length of a point and of a subgradient).</summary>
    public int Columns => layout.Count;

    /// <summary>
    /// Every sample at <paramref name="point"/>, or with a null point its wait-and-see value (the
    /// first stage free and relaxed): a lower bound on the sample's value at any point.
    /// </summary>
    public BatchAnswer Solve(double[]? point, CancellationToken cancel = default)
    {
        if (point is not null && point.Length != layout.Count)
        {
            throw new ArgumentException($"a point has {layout.Count} columns here, not {point.Length}", nameof(point));
        }
        var answers = new SubproblemAnswer[batch.Scenarios.Count];
        cutsLeft = FeasibilityCutsPerBatch;
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = SolveOne(i, point, cancel);
        }
        return new BatchAnswer(answers);
    }

    private SubproblemAnswer SolveOne(int i, double[]? point, CancellationToken cancel)
    {
        if (bound != i)
        {
            model.Rebind(Data(i));
            bound = i;
        }
        if (point is null)
        {
            layout.Free();
        }
        else
        {
            layout.Fix(point);
        }
        var status = SolverFactory.Solve(solver, cancel);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.INFEASIBLE) && !cancel.IsCancellationRequested)
        {
            // Numerical trouble from a stale basis: the next sample starts cold, and this one is
            // answered by a model of its own under CLP (rare).
            solver.Reset();
            return Fresh(i, point, cancel);
        }
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL:
                return new SubproblemAnswer(i, SubproblemStatus.Optimal, solver.Objective().Value(),
                    point is null ? new double[layout.Count] : layout.ReducedCosts(), "");
            case Solver.ResultStatus.INFEASIBLE when point is not null:
                // The basis stays: the next sample starts warm from it (a cold start costs
                // several warm solves, and an early master point can leave most samples without recourse).
                return FeasibilityCut(i, point, cancel);
            case Solver.ResultStatus.INFEASIBLE:
                // The first stage free and the sample still has no recourse: no plan serves it.
                solver.Reset();
                return new SubproblemAnswer(i, SubproblemStatus.Infeasible, double.NaN, new double[layout.Count],
                    $"{batch.Scenarios[i].Id}: no plan has a recourse within this sample's budget, coverage, storage and refill rows");
            default:
                solver.Reset();
                return Failed(i, cancel.IsCancellationRequested ? "cancelled" : $"the recourse LP ended {status}");
        }
    }

    /// <summary>Sample i on a model of its own, solved by CLP: the answer when the warm LP had numerical trouble.</summary>
    private SubproblemAnswer Fresh(int i, double[]? point, CancellationToken cancel)
    {
        using var clp = Solver.CreateSolver("CLP") ?? SolverFactory.CreateLp();
        var fresh = StockpileModel.Build(Data(i), clp);
        var columns = new FirstStageLayout(fresh);
        if (point is null)
        {
            columns.Free();
        }
        else
        {
            columns.Fix(point);
        }
        var status = SolverFactory.Solve(clp, cancel);
        return status switch
        {
            Solver.ResultStatus.OPTIMAL => new SubproblemAnswer(i, SubproblemStatus.Optimal, clp.Objective().Value(),
                point is null ? new double[layout.Count] : columns.ReducedCosts(), ""),
            Solver.ResultStatus.INFEASIBLE when point is not null => FeasibilityCut(i, point, cancel),
            _ => Failed(i, cancel.IsCancellationRequested ? "cancelled" : $"the recourse LP ended {status}, on a fresh model too"),
        };
    }

    /// <summary>
    /// The phase-1 LP of sample i at the point: its value (&gt; 0) and subgradient; once the
    /// batch's <see cref="FeasibilityCutsPerBatch"/> are given, infeasible without a cut (value NaN).
    /// </summary>
    private SubproblemAnswer FeasibilityCut(int i, double[] point, CancellationToken cancel)
    {
        if (cutsLeft <= 0)
        {
            return new SubproblemAnswer(i, SubproblemStatus.Infeasible, double.NaN, new double[layout.Count],
                "no recourse at the point within the budget and refill rows (no cut: the batch gave its feasibility cuts at this point)");
        }
        cutsLeft--;
        using var phaseOne = SolverFactory.CreateLp();
        var elastic = StockpileModel.Build(Data(i), phaseOne, PhaseOne);
        var columns = new FirstStageLayout(elastic);
        columns.Fix(point);
        var status = SolverFactory.Solve(phaseOne, cancel);
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            return Failed(i, cancel.IsCancellationRequested
                ? "cancelled"
                : $"no recourse at the point, and relaxing budgets and refills does not give one (phase 1 ended {status})");
        }
        var value = phaseOne.Objective().Value();
        return value > 0
            ? new SubproblemAnswer(i, SubproblemStatus.Infeasible, value, columns.ReducedCosts(),
                "no recourse at the point within the budget and refill rows")
            : Failed(i, "the recourse LP reported infeasible, but its phase 1 needs no slack");
    }

    private SubproblemAnswer Failed(int i, string message) =>
        new(i, SubproblemStatus.Failed, double.NaN, new double[layout.Count], $"{batch.Scenarios[i].Id}: {message}");

    private ModelData Data(int i) => data[i] ??= new ModelData(Alone(batch, batch.Scenarios[i]), batch.Policy.Mode);

    /// <summary>The instance with one sample of probability 1, the risk weight kept.</summary>
    internal static StockpileInstance Alone(StockpileInstance instance, Scenario sample) =>
        instance with { Scenarios = [sample with { Probability = 1 }] };

    public void Dispose() => solver.Dispose();
}

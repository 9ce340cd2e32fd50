using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// The recourse LP of one fixed policy, built once and re-solved on sample after sample
/// (out-of-sample evaluation): each sample only re-binds what a scenario changes (see
/// StockpileModel.Rebind) and GLOP re-solves from the previous basis — without presolve, which
/// would discard it, and with the dual simplex, which a basis that stays dual feasible when
/// right-hand sides move suits. A sample the warm LP does not solve to optimality (infeasible,
/// interrupted, numerical trouble) is solved again by the full path,
/// <c>StockpileSolver.Solve(Alone(instance, sample), FixedPolicy)</c>, and reported as that
/// says: its termination and message are exactly the engine's. One per worker: not thread-safe.
/// The instance, the policy and every sample must have been validated (the model trusts them).
/// </summary>
internal sealed class RecourseEvaluator : IDisposable
{
    /// <summary>GLOP keeps its basis between solves only without presolve.</summary>
    private const string WarmParameters = "use_preprocessing: false use_dual_simplex: true";

    private readonly StockpileInstance instance;
    private readonly SolveOptions options;
    private readonly Solver solver;
    private readonly StockpileModel model;
    private readonly MPSolverParameters parameters;

    /// <param name="options">Solve options with <see cref="SolveOptions.FixedPolicy"/> set (the fallback's too).</param>
    /// <param name="first">Any sample: the model is built on it, then re-bound to each sample evaluated.</param>
    public RecourseEvaluator(StockpileInstance instance, SolveOptions options, Scenario first)
    {
        var policy = options.FixedPolicy ?? throw new ArgumentException("a recourse evaluator needs SolveOptions.FixedPolicy", nameof(options));
        this.instance = instance;
        this.options = options;
        solver = SolverFactory.CreateLp();
        model = StockpileModel.Build(Data(first), solver, rebindable: true);
        PolicyFixer.Fix(model, policy);
        parameters = SolverFactory.Configure(solver, options.Solver, options);
        solver.SetSolverSpecificParametersAsString(WarmParameters);
    }

    /// <summary>Samples handed to the full path so far (the warm LP ended without an optimum, or the token was already cancelled).</summary>
    public int FallBacks { get; private set; }

    public RecourseOutcome Evaluate(Scenario sample, CancellationToken cancel = default)
    {
        // Already cancelled: the full path reports it as it always has, without solving.
        if (!cancel.IsCancellationRequested)
        {
            model.Rebind(Data(sample));
            Solver.ResultStatus status;
            using (cancel.Register(() => solver.InterruptSolve()))
            {
                status = solver.Solve(parameters);
            }
            if (status == Solver.ResultStatus.OPTIMAL)
            {
                return new RecourseOutcome(Termination.Optimal, "", ResultExtractor.ScenarioPathOf(model, Solution.Capture(model), new ScenarioIndex(0)));
            }
            // The next sample starts cold rather than from whatever this solve left behind.
            solver.Reset();
        }
        FallBacks++;
        return RecourseOutcome.Of(StockpileSolver.Solve(EvaluationAnalysis.Alone(instance, sample), options, cancel));
    }

    public void Dispose() => solver.Dispose();

    private ModelData Data(Scenario sample) => new(EvaluationAnalysis.Alone(instance, sample), instance.Policy.Mode);
}

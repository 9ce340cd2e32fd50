using Google.OrTools.LinearSolver;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Sampling;

/// <summary>
/// The first-stage master of the L-shaped method: the policy's columns and rows
/// (StockpileModel.BuildFirstStage), one θ per cut group standing for the group's weighted
/// recourse value, min Σ θ. Kept twice: relaxed (CLP, an LP solver, so integrality is ignored) for the first
/// iterations, and as the MIP (SCIP) once the relaxation's cuts are in; every cut goes to both.
/// </summary>
internal sealed class BendersMaster : IDisposable
{
    private readonly ModelData data;
    private readonly SolveOptions options;
    private readonly double[] thetaLower;
    private readonly List<Cut> cuts = [];
    private Copy? relaxed;
    private Copy? integer;

    /// <param name="thetaLower">A lower bound of each group's θ (the weighted wait-and-see values).</param>
    public BendersMaster(ModelData data, double[] thetaLower, SolveOptions options)
    {
        this.data = data;
        this.options = options;
        this.thetaLower = thetaLower;
    }

    public int Cuts => cuts.Count;

    /// <summary>θ_g − a·x ≥ b (an optimality cut of group g), or a·x ≤ b when <see cref="Group"/> is −1 (a feasibility cut).</summary>
    public sealed record Cut(int Group, double[] Coefficients, double Bound);

    public void Add(Cut cut)
    {
        cuts.Add(cut);
        relaxed?.Add(cut);
        integer?.Add(cut);
    }

    /// <summary>The relaxed master's optimum: a point and a lower bound of the SAA problem's LP relaxation.</summary>
    public MasterSolution SolveRelaxed(CancellationToken cancel) =>
        (relaxed ??= new Copy(this, RelaxedSolver())).Solve(cancel, null);

    /// <summary>CLP for the relaxed master: its cuts span many magnitudes, and CLP's simplex takes them more steadily than GLOP's.</summary>
    private static Solver RelaxedSolver() =>
        Solver.CreateSolver("CLP") ?? SolverFactory.CreateLp();

    /// <summary>The MIP master: an integer point and a lower bound of the SAA problem (SCIP's bound when it stops early).</summary>
    /// <param name="incumbent">The best integer point so far, handed to the solver as a start (null: none).</param>
    /// <param name="gap">
    /// The master's own relative gap: its bound (SCIP's best bound) stays a valid lower bound,
    /// so it need not be solved closer than a fraction of the decomposition's target.
    /// </param>
    public MasterSolution SolveInteger(MipSolver kind, TimeSpan? limit, double gap, double[]? incumbent, CancellationToken cancel)
    {
        integer ??= new Copy(this, SolverFactory.CreateMip(kind));
        if (incumbent is not null)
        {
            integer.Solver.SetHint([.. integer.Layout.Columns], incumbent);
        }
        return integer.Solve(cancel, options with { TimeLimit = limit, RelativeGap = gap });
    }

    /// <summary>The policy at a point of the integer master's last solve.</summary>
    public Domain.Policy PolicyAt() =>
        integer is { } copy ? ResultExtractor.PolicyOf(copy.Model, Solution.Capture(copy.Model)) : throw new InvalidOperationException("the integer master has not been solved");

    public void Dispose()
    {
        relaxed?.Solver.Dispose();
        integer?.Solver.Dispose();
    }

    /// <summary>Status, point and bound of a master solve; the point is null when the master has none.</summary>
    public sealed record MasterSolution(Solver.ResultStatus Status, double[]? Point, double Bound);

    private sealed class Copy
    {
        private readonly Variable[] theta;

        public Copy(BendersMaster master, Solver solver)
        {
            Solver = solver;
            Model = StockpileModel.BuildFirstStage(master.data, solver);
            Layout = new FirstStageLayout(Model);
            theta = master.thetaLower.Select((lower, g) => solver.MakeNumVar(lower, double.PositiveInfinity, $"theta[{g}]")).ToArray();
            var objective = solver.Objective();
            objective.SetMinimization();
            foreach (var t in theta)
            {
                objective.SetCoefficient(t, 1);
            }
            foreach (var cut in master.cuts)
            {
                Add(cut);
            }
        }

        public Solver Solver { get; }
        public StockpileModel Model { get; }
        public FirstStageLayout Layout { get; }

        public void Add(Cut cut)
        {
            var row = cut.Group >= 0
                ? Solver.MakeConstraint(cut.Bound, double.PositiveInfinity)
                : Solver.MakeConstraint(double.NegativeInfinity, cut.Bound);
            if (cut.Group >= 0)
            {
                row.SetCoefficient(theta[cut.Group], 1);
            }
            var sign = cut.Group >= 0 ? -1 : 1;
            for (var j = 0; j < cut.Coefficients.Length; j++)
            {
                if (cut.Coefficients[j] != 0)
                {
                    row.SetCoefficient(Layout.Columns[j], sign * cut.Coefficients[j]);
                }
            }
        }

        public MasterSolution Solve(CancellationToken cancel, SolveOptions? mip)
        {
            var parameters = mip is null ? null : SolverFactory.Configure(Solver, mip.Solver, mip);
            var status = SolverFactory.Solve(Solver, cancel, parameters);
            if (status is Solver.ResultStatus.ABNORMAL or Solver.ResultStatus.NOT_SOLVED && !cancel.IsCancellationRequested)
            {
                // Numerical trouble from the previous basis or search: once more from scratch.
                Solver.Reset();
                status = SolverFactory.Solve(Solver, cancel, parameters);
            }
            var hasPoint = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
            var bound = !hasPoint ? double.NegativeInfinity
                : Solver.IsMip() ? Solver.Objective().BestBound() : Solver.Objective().Value();
            return new MasterSolution(status, hasPoint ? Layout.Values() : null, bound);
        }
    }
}

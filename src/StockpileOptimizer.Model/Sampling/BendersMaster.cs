using StockpileOptimizer.Domain;
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
    private readonly List<ModelData> embedded = [];
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

    /// <summary>Samples whose recourse rows are part of the master (<see cref="Embed"/>).</summary>
    public int Embedded => embedded.Count;

    /// <summary>
    /// Puts one sample's recourse (its model alone, <paramref name="sample"/>) into the master:
    /// its rows and columns, its first stage tied to the master's by equality rows, no objective
    /// (the sample's value stays in its group's θ and cuts). Every master point is then feasible
    /// for that sample, which feasibility cuts reach only one point at a time: a partial
    /// decomposition for the samples whose budget keeps cutting off the master's plans. Valid:
    /// every plan of the SAA problem has a recourse in that sample, so no plan is cut off.
    /// </summary>
    public void Embed(ModelData sample)
    {
        embedded.Add(sample);
        relaxed?.Embed(sample);
        integer?.Embed(sample);
    }

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

    /// <summary>
    /// The point of the relaxed first stage nearest to <paramref name="target"/> (its rows, the
    /// feasibility cuts and the embedded samples; each column's distance scaled by max(1,
    /// |target|), summed): a start plan repaired for the samples it had no recourse in. First
    /// with the target's integer columns (tiers, builds) kept, so that the repair is a plan too
    /// (<see cref="Repair.Policy"/>); where that has no solution, with every column free (no
    /// plan then). Null when neither has a solution.
    /// </summary>
    public Repair? Nearest(double[] target, CancellationToken cancel) =>
        Nearest(target, keepIntegers: true, cancel) ?? Nearest(target, keepIntegers: false, cancel);

    /// <summary>A repaired point, and its plan when its integer columns are the target's.</summary>
    public sealed record Repair(double[] Point, Domain.Policy? Policy);

    private Repair? Nearest(double[] target, bool keepIntegers, CancellationToken cancel)
    {
        using var solver = RelaxedSolver();
        var model = StockpileModel.BuildFirstStage(data, solver);
        var layout = new FirstStageLayout(model);
        foreach (var cut in cuts.Where(c => c.Group < 0))
        {
            AddCut(solver, layout, [], cut);
        }
        foreach (var sample in embedded)
        {
            EmbedSample(solver, layout, sample);
        }
        var objective = solver.Objective();
        objective.SetMinimization();
        for (var j = 0; j < layout.Count; j++)
        {
            var column = layout.Columns[j];
            if (keepIntegers && layout.Integer[j])
            {
                var value = Math.Round(target[j]);
                column.SetBounds(value, value);
                continue;
            }
            // d_j ≥ |x_j − t_j|
            var d = solver.MakeNumVar(0, double.PositiveInfinity, $"distance[{j}]");
            var above = solver.MakeConstraint(-target[j], double.PositiveInfinity);
            above.SetCoefficient(d, 1);
            above.SetCoefficient(column, -1);
            var below = solver.MakeConstraint(target[j], double.PositiveInfinity);
            below.SetCoefficient(d, 1);
            below.SetCoefficient(column, 1);
            objective.SetCoefficient(d, 1 / Math.Max(1, Math.Abs(target[j])));
        }
        if (SolverFactory.Solve(solver, cancel) != Solver.ResultStatus.OPTIMAL)
        {
            return null;
        }
        return new Repair(layout.Values(), keepIntegers ? ResultExtractor.PolicyOf(model, Solution.Capture(model)) : null);
    }

    /// <summary>θ_g − a·x ≥ b, or a·x ≤ b for a feasibility cut.</summary>
    private static void AddCut(Solver solver, FirstStageLayout layout, Variable[] theta, Cut cut)
    {
        var row = cut.Group >= 0
            ? solver.MakeConstraint(cut.Bound, double.PositiveInfinity)
            : solver.MakeConstraint(double.NegativeInfinity, cut.Bound);
        if (cut.Group >= 0)
        {
            row.SetCoefficient(theta[cut.Group], 1);
        }
        var sign = cut.Group >= 0 ? -1 : 1;
        for (var j = 0; j < cut.Coefficients.Length; j++)
        {
            if (cut.Coefficients[j] != 0)
            {
                row.SetCoefficient(layout.Columns[j], sign * cut.Coefficients[j]);
            }
        }
    }

    /// <summary>A sample's model in the solver, its first stage tied to the layout's columns, no objective.</summary>
    private static void EmbedSample(Solver solver, FirstStageLayout layout, ModelData sample)
    {
        var model = StockpileModel.Build(sample, solver);
        var objective = solver.Objective();
        foreach (var v in model.Variables)
        {
            objective.SetCoefficient(v, 0);
        }
        objective.SetMinimization();
        var copy = new FirstStageLayout(model);
        for (var j = 0; j < copy.Count; j++)
        {
            var tie = solver.MakeConstraint(0, 0);
            tie.SetCoefficient(layout.Columns[j], 1);
            tie.SetCoefficient(copy.Columns[j], -1);
        }
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
            foreach (var sample in master.embedded)
            {
                Embed(sample);
            }
        }

        public void Embed(ModelData sample) => EmbedSample(Solver, Layout, sample);

        public Solver Solver { get; }
        public StockpileModel Model { get; }
        public FirstStageLayout Layout { get; }

        public void Add(Cut cut) => AddCut(Solver, Layout, theta, cut);

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

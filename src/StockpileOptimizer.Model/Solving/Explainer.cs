using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// Why the plan is what it is (docs/model.md, "Why"): marginal values of stock from the LP with
/// tiers and builds fixed (GLOP), tier steps by re-solving that LP with the tier moved, each
/// build's value by a re-solve with it flipped, and the rest read off the solution.
/// </summary>
internal static class Explainer
{
    private const double Noise = 1e-6;

    public static PlanExplanation Explain(
        StockpileModel model, Solution solution, SolveOptions options, double objectiveUsd, CancellationToken cancel)
    {
        var d = model.Data;
        var integers = ResultExtractor.IntegerValues(model, solution);
        return new PlanExplanation
        {
            Stockpiles = Stockpiles(model, solution, MarginalValues(d, integers, cancel)),
            Tiers = Tiers(model, solution, integers, objectiveUsd, cancel),
            Commitments = PlanReading.Commitments(model, solution),
            Investments = Builds(d, integers, options, objectiveUsd, cancel),
            NeverShort = PlanReading.NeverShort(model, solution),
        };
    }

    /// <summary>
    /// What one more tonne of x[c,m] forced in would save, USD per tonne (NaN where the LP is not
    /// solved, or the tonne cannot be had — e.g. no budget can pay for it): the fixed-integer LP
    /// (GLOP) re-solved warm with x[c,m] ≥ x* + 1 and, so that the tonne has room, its country's
    /// storage one tonne larger; the objective before less after. A finite difference, not a
    /// reduced cost: the LP is degenerate (stock at 0 is often basic), where a reduced cost of 0
    /// would say nothing. A stock held at its coverage floor shows what the floor costs per tonne
    /// (negative); one held at the storage limit what a tonne more would be worth (positive).
    /// </summary>
    private static double[,] MarginalValues(ModelData d, FixedIntegers integers, CancellationToken cancel)
    {
        var values = new double[d.C, d.M];
        using var solver = SolverFactory.CreateLp();
        var model = FixedLp.Build(d, solver, integers);
        // Without presolve GLOP keeps its basis between solves: each probe is a few pivots.
        solver.SetSolverSpecificParametersAsString(WarmLp);
        var solved = SolverFactory.Solve(solver, cancel) == Solver.ResultStatus.OPTIMAL;
        var objective = solved ? solver.Objective().Value() : double.NaN;
        var stock = new double[d.C, d.M];
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                stock[c, m] = solved ? model.X[c, m].SolutionValue() : 0;
            }
        }
        foreach (var c in d.Countries)
        {
            var storage = model.StorageRows[c];
            var room = storage.Ub();
            foreach (var m in d.Materials)
            {
                if (!solved || cancel.IsCancellationRequested)
                {
                    values[c, m] = double.NaN;
                    continue;
                }
                var x = model.X[c, m];
                var floor = x.Lb();
                x.SetLb(stock[c, m] + 1);
                storage.SetUb(room + 1);
                var probed = SolverFactory.Solve(solver, cancel);
                values[c, m] = probed == Solver.ResultStatus.OPTIMAL ? (objective - solver.Objective().Value()) / d.MoneyScale : double.NaN;
                x.SetLb(floor);
                storage.SetUb(room);
            }
        }
        return values;
    }

    private const string WarmLp = "use_preprocessing: false use_dual_simplex: true";

    private static IReadOnlyList<StockpileWhy> Stockpiles(StockpileModel model, Solution solution, double[,] marginal)
    {
        var d = model.Data;
        var result = new List<StockpileWhy>();
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                double released = 0, short_ = 0;
                var windows = new List<ReleaseWindow>();
                foreach (var s in d.Scenarios)
                {
                    var pi = d.Instance.Scenarios[s].Probability;
                    var periods = new List<string>();
                    var tonnes = 0.0;
                    foreach (var t in d.Periods)
                    {
                        var r = solution[model.Release[c, m, t, s]];
                        if (r > Noise)
                        {
                            periods.Add(d.Id(t));
                            tonnes += r;
                        }
                        foreach (var k in d.Sectors)
                        {
                            short_ += model.Shortage[c, m, k, t, s] is { } u ? pi * solution[u] : 0;
                        }
                    }
                    released += pi * tonnes;
                    if (periods.Count > 0)
                    {
                        windows.Add(new ReleaseWindow(d.Id(s), periods, tonnes));
                    }
                }
                result.Add(new StockpileWhy(d.Id(c), d.Id(m), Clean(solution[model.X[c, m]]),
                    Clean(marginal[c, m]), Clean(released), Clean(short_), windows));
            }
        }
        return result;
    }

    private static IReadOnlyList<TierWhy> Tiers(
        StockpileModel model, Solution solution, FixedIntegers integers, double objectiveUsd, CancellationToken cancel)
    {
        var d = model.Data;
        var result = new List<TierWhy>();
        // Steps are measured against the same LP at the chosen tiers, so that they are exact
        // differences (the MIP's objective may sit within its gap of it).
        var baseline = d.L > 0 && model.Y.Cast<Variable[]?>().Any(y => y is not null) ? FixedLp.Objective(d, integers, cancel) : objectiveUsd;
        foreach (var c in d.Countries.TakeWhile(_ => !cancel.IsCancellationRequested))
        {
            foreach (var m in d.Materials)
            {
                if (model.Y[c, m] is not { } y)
                {
                    continue;
                }
                var chosen = Array.FindIndex(y, v => solution[v] > 0.5);
                var induced = d.Instance.PrivateStock[d.PrivateResponse[c, m]].TonnesByTier;
                var cost = model.TierCost(c, m, chosen);
                TierStep? Step(int l)
                {
                    if (l < 0 || l >= d.L)
                    {
                        return null;
                    }
                    var moved = integers with { Tiers = (double[]?[,])integers.Tiers.Clone() };
                    moved.Tiers[c, m] = Enumerable.Range(0, d.L).Select(i => i == l ? 1.0 : 0.0).ToArray();
                    var objective = FixedLp.Objective(d, moved, cancel);
                    return new TierStep(d.Instance.Tiers[l].Id, model.TierCost(c, m, l) - cost, induced[l] - induced[chosen],
                        objective - baseline);
                }
                result.Add(new TierWhy(d.Id(c), d.Id(m), d.Instance.Tiers[chosen].Id, cost, induced[chosen],
                    Step(chosen + 1), Step(chosen - 1)));
            }
        }
        return result;
    }

    /// <summary>Each build re-solved with its decision flipped and every other decision free.</summary>
    private static IReadOnlyList<BuildWhy> Builds(
        ModelData d, FixedIntegers integers, SolveOptions options, double objectiveUsd, CancellationToken cancel)
    {
        var result = new List<BuildWhy>();
        for (var g = 0; g < d.G && !cancel.IsCancellationRequested; g++)
        {
            var built = integers.Builds[g] > 0.5;
            using var solver = SolverFactory.CreateMip(options.Solver);
            var model = StockpileModel.Build(d, solver);
            model.Z[g].SetBounds(built ? 0 : 1, built ? 0 : 1);
            var parameters = SolverFactory.Configure(solver, options.Solver, options);
            var status = SolverFactory.Solve(solver, cancel, parameters);
            var feasible = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
            var flipped = feasible ? solver.Objective().Value() / d.MoneyScale : double.NaN;
            // Value of building: the objective without the build minus with it.
            var value = built ? flipped - objectiveUsd : objectiveUsd - flipped;
            result.Add(new BuildWhy(d.Instance.Investments[g].Id, built, flipped, value,
                status.ToString().ToLowerInvariant()));
        }
        return result;
    }


    private static double Clean(double value) => Math.Abs(value) < 1e-9 ? 0 : value;
}

using System.Diagnostics;
using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Extraction;

namespace StockpileOptimizer.Model.Solving;

/// <summary>
/// The engine's entry point: validate, build, solve, extract; then shadow prices from the
/// fixed-integer LP, or an infeasibility diagnosis.
/// </summary>
public static class StockpileSolver
{
    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    public static SolveResult Solve(
        StockpileInstance instance, SolveOptions? options = null, CancellationToken cancel = default, IProgress<SolveProgress>? progress = null)
    {
        options ??= new SolveOptions();
        var violations = InstanceValidator.Validate(instance);
        if (violations.Count > 0)
        {
            throw new InvalidInstanceException(violations);
        }
        var fingerprint = InstanceJson.Fingerprint(instance);
        var data = new ModelData(instance, instance.Policy.Mode);
        using var solver = SolverFactory.CreateMip(options.Solver);
        var model = StockpileModel.Build(data, solver);
        var parameters = SolverFactory.Configure(solver, options.Solver, options);

        var cancelled = false;
        var clock = Stopwatch.StartNew();
        Solver.ResultStatus status;
        using (cancel.Register(() => { cancelled = true; solver.InterruptSolve(); }))
        {
            status = cancel.IsCancellationRequested ? Solver.ResultStatus.NOT_SOLVED : solver.Solve(parameters);
        }
        clock.Stop();
        cancelled |= cancel.IsCancellationRequested;

        var facts = Facts(solver, data.MoneyScale, status, options, clock.Elapsed, cancelled);
        var result = new SolveResult { Solver = facts, Fingerprint = fingerprint };
        if (HasPlan(status))
        {
            var fixedTiers = ResultExtractor.IntegerValues(model);
            result = ResultExtractor.Extract(model, result);
            if (options.ShadowPrices)
            {
                result = result with { ShadowPrices = ShadowPriceCalculator.Compute(data, fixedTiers) };
            }
        }
        else if (status == Solver.ResultStatus.INFEASIBLE && options.DiagnoseInfeasibility)
        {
            result = result with { Diagnosis = InfeasibilityDiagnoser.Diagnose(data, options, cancel) };
        }
        return result;
    }

    /// <summary>The built model in MPS format (free MPS, names kept), for debugging and solver-alone benchmarks.</summary>
    public static string ExportMps(StockpileInstance instance)
    {
        var violations = InstanceValidator.Validate(instance);
        if (violations.Count > 0)
        {
            throw new InvalidInstanceException(violations);
        }
        using var solver = SolverFactory.CreateMip(MipSolver.Scip);
        StockpileModel.Build(new ModelData(instance, instance.Policy.Mode), solver);
        return solver.ExportModelAsMpsFormat(fixed_format: false, obfuscated: false);
    }

    private static bool HasPlan(Solver.ResultStatus status) =>
        status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;

    private static SolverFacts Facts(Solver solver, double moneyScale, Solver.ResultStatus status, SolveOptions options, TimeSpan elapsed, bool cancelled)
    {
        var hasPlan = HasPlan(status);
        var objective = hasPlan ? solver.Objective().Value() / moneyScale : double.NaN;
        var bound = hasPlan ? solver.Objective().BestBound() / moneyScale : double.NaN;
        var gap = hasPlan ? Math.Abs(objective - bound) / Math.Max(1, Math.Abs(objective)) : double.NaN;
        var timedOut = options.TimeLimit is { } limit && elapsed >= limit * 0.98;
        var termination = status switch
        {
            Solver.ResultStatus.OPTIMAL => Termination.Optimal,
            Solver.ResultStatus.FEASIBLE when cancelled => Termination.Cancelled,
            Solver.ResultStatus.FEASIBLE when timedOut => Termination.TimeLimit,
            Solver.ResultStatus.FEASIBLE => Termination.Feasible,
            Solver.ResultStatus.INFEASIBLE => Termination.Infeasible,
            Solver.ResultStatus.UNBOUNDED => Termination.Unbounded,
            Solver.ResultStatus.NOT_SOLVED when cancelled => Termination.Cancelled,
            Solver.ResultStatus.NOT_SOLVED when timedOut => Termination.TimeLimit,
            _ => Termination.Error,
        };
        var message = termination switch
        {
            Termination.Cancelled when !hasPlan => "cancelled before a feasible plan was found",
            Termination.TimeLimit when !hasPlan => "time limit reached before a feasible plan was found",
            Termination.Error => $"solver returned {status}",
            _ => "",
        };
        return new SolverFacts
        {
            Termination = termination,
            Solver = SolverFactory.Id(options.Solver),
            Objective = objective,
            BestBound = bound,
            Gap = gap,
            WallSeconds = elapsed.TotalSeconds,
            Nodes = hasPlan ? solver.Nodes() : 0,
            Variables = solver.NumVariables(),
            Rows = solver.NumConstraints(),
            Message = message,
        };
    }
}

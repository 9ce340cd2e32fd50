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
        var clock = Stopwatch.StartNew();
        var violations = InstanceValidator.Validate(instance);
        if (violations.Count == 0 && options.FixedPolicy is { } policy)
        {
            violations = PolicyFixer.Validate(instance, policy);
        }
        if (violations.Count > 0)
        {
            throw new InvalidInstanceException(violations);
        }
        var fingerprint = InstanceJson.Fingerprint(instance);
        Phase(progress, clock, "building the model");
        var data = new ModelData(instance, instance.Policy.Mode);
        // A fixed policy, or an instance without tiers and investments, leaves an LP: GLOP solves
        // it exactly, faster and in less memory than a MIP solver, and its duals are the shadow prices.
        var lp = options.FixedPolicy is not null || !data.HasIntegers;
        using var solver = lp ? SolverFactory.CreateLp() : SolverFactory.CreateMip(options.Solver);
        var model = StockpileModel.Build(data, solver);
        if (options.FixedPolicy is { } fixedPolicy)
        {
            PolicyFixer.Fix(model, fixedPolicy);
        }
        else if (options.Hint is { } hint && !lp)
        {
            Hinting.Apply(model, hint);
        }
        var parameters = SolverFactory.Configure(solver, options.Solver, options);
        Phase(progress, clock, $"solving with {SolverName(options, lp)}: {solver.NumVariables()} variables, {solver.NumConstraints()} rows");

        var built = clock.Elapsed;
        var outcome = SolveLoop.Run(solver, model, parameters, options, data.MoneyScale, clock, cancel, progress);
        var solved = clock.Elapsed;
        var result = new SolveResult
        {
            Solver = Facts(solver, data.MoneyScale, outcome, SolverName(options, lp), clock.Elapsed),
            Fingerprint = fingerprint,
        };
        if (outcome.Best is { } solution)
        {
            Phase(progress, clock, "extracting the plan");
            result = ResultExtractor.Extract(model, solution, result);
            if (options.ShadowPrices && !outcome.Cancelled && options.FixedPolicy is null)
            {
                Phase(progress, clock, lp ? "shadow prices from the LP's duals (GLOP)" : "shadow prices from the LP with integers fixed (GLOP)");
                result = result with
                {
                    // The LP just solved has the duals (the solution is still the solver's: one stage, no restart).
                    ShadowPrices = lp ? ShadowPriceCalculator.FromSolved(model) : ShadowPriceCalculator.Compute(data, ResultExtractor.IntegerValues(model, solution)),
                };
            }
            if (options.Explain && !outcome.Cancelled && options.FixedPolicy is null)
            {
                Phase(progress, clock, "explaining the plan: marginal values, tier steps, each build flipped");
                result = result with { Explanation = Explainer.Explain(model, solution, options, result.Solver.Objective, cancel) };
            }
        }
        else if (outcome.Status == Solver.ResultStatus.INFEASIBLE && options.FixedPolicy is not null)
        {
            result = result with { Solver = result.Solver with { Message = "the fixed policy is infeasible on this instance (its stockpile, tiers or investments break a budget, storage, coverage or refill row)" } };
        }
        else if (outcome.Status == Solver.ResultStatus.INFEASIBLE && options.DiagnoseInfeasibility)
        {
            Phase(progress, clock, "infeasible: elastic re-solves to find which families conflict");
            result = result with { Diagnosis = InfeasibilityDiagnoser.Diagnose(data, options, cancel) };
        }
        return result with
        {
            Solver = result.Solver with
            {
                WallSeconds = clock.Elapsed.TotalSeconds,
                BuildSeconds = built.TotalSeconds,
                SolveSeconds = (solved - built).TotalSeconds,
                ExtractSeconds = (clock.Elapsed - solved).TotalSeconds,
            },
        };
    }

    /// <summary>
    /// The built model in MPS format (free MPS, names kept), for debugging and solver-alone
    /// benchmarks. Money in it is in solver units: USD × <see cref="MoneyScale"/>.
    /// </summary>
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

    /// <summary>The SCIP settings the engine makes besides gap, seed and Ctrl+C, for solver-alone comparisons.</summary>
    public const string ScipTuning = SolverFactory.ScipTuning;

    /// <summary>Solver units per USD for this instance (1 for small hand cases, 1e-6 for billion-dollar budgets).</summary>
    public static double MoneyScale(StockpileInstance instance) => new ModelData(instance, instance.Policy.Mode).MoneyScale;

    private static string SolverName(SolveOptions options, bool lp) => lp ? "GLOP" : SolverFactory.Id(options.Solver);

    private static void Phase(IProgress<SolveProgress>? progress, Stopwatch clock, string message) =>
        progress?.Report(new SolveProgress { Kind = ProgressKind.Phase, Elapsed = clock.Elapsed, Message = message });

    private static SolverFacts Facts(Solver solver, double moneyScale, SolveOutcome outcome, string solverName, TimeSpan elapsed)
    {
        var hasPlan = outcome.Best is not null;
        var objective = hasPlan ? outcome.Objective / moneyScale : double.NaN;
        // A plan found before the solver proved any bound (cancelled or timed out early in the
        // root) has no bound and so no gap: NaN, not an infinite gap.
        var hasBound = hasPlan && double.IsFinite(outcome.Bound);
        var bound = hasBound ? outcome.Bound / moneyScale : double.NaN;
        var gap = hasBound ? SolveLoop.RelativeGap(objective, bound) : double.NaN;
        var termination = outcome.Status switch
        {
            Solver.ResultStatus.OPTIMAL => Termination.Optimal,
            _ when outcome.Cancelled => Termination.Cancelled,
            _ when outcome.TimedOut => Termination.TimeLimit,
            Solver.ResultStatus.FEASIBLE => Termination.Feasible,
            Solver.ResultStatus.INFEASIBLE => Termination.Infeasible,
            Solver.ResultStatus.UNBOUNDED => Termination.Unbounded,
            _ => Termination.Error,
        };
        var message = termination switch
        {
            Termination.Cancelled when !hasPlan => "cancelled before a feasible plan was found (no incumbent yet)",
            Termination.Cancelled when !hasBound => "cancelled; best plan found so far (no bound yet, so no gap)",
            Termination.Cancelled => $"cancelled; best plan found so far, gap {gap:P3}",
            Termination.TimeLimit when !hasPlan => "time limit reached before a feasible plan was found (no incumbent yet)",
            Termination.TimeLimit when !hasBound => "time limit reached; best plan found so far (no bound yet, so no gap)",
            Termination.TimeLimit => $"time limit reached; best plan found so far, gap {gap:P3}",
            Termination.Error when outcome.Status == Solver.ResultStatus.ABNORMAL =>
                "the solver failed (ABNORMAL): usually numerical trouble from numbers of very different magnitudes in the instance (a demand in kg among tonnes, say); check its units",
            Termination.Error => $"solver returned {outcome.Status}",
            _ => "",
        };
        return new SolverFacts
        {
            Termination = termination,
            Solver = solverName,
            Objective = objective,
            BestBound = bound,
            Gap = gap,
            WallSeconds = elapsed.TotalSeconds,
            Nodes = outcome.Nodes,
            Variables = solver.NumVariables(),
            Rows = solver.NumConstraints(),
            Message = message,
        };
    }
}

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
    /// <summary>
    /// Of a time limit, the share kept back from the MIP for what follows it — extraction,
    /// shadow prices, the explanation — so that a deadline still gets the best plan found.
    /// </summary>
    private const double PostProcessingShare = 0.15;

    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    /// <remarks>
    /// A cancellation is honoured in every phase: before and after building, in each solve
    /// stage (SolveLoop), and before and during extraction, shadow prices, the explanation and
    /// the diagnosis — the phases after it are skipped and the result says cancelled, with the
    /// best plan if there is one. A time limit covers the whole call: the MIP gets it less a
    /// share for post-processing, and post-processing that finds the time up is skipped, saying so.
    /// </remarks>
    public static SolveResult Solve(
        StockpileInstance instance, SolveOptions? options = null, CancellationToken cancel = default, IProgress<SolveProgress>? progress = null) =>
        Solve(ValidatedInstance.Require(instance), options, cancel, progress);

    /// <summary>
    /// <see cref="Solve(StockpileInstance, SolveOptions?, CancellationToken, IProgress{SolveProgress}?)"/>
    /// of an instance validated before (not validated again; its fingerprint reused). A fixed
    /// policy is still checked against it.
    /// </summary>
    /// <exception cref="InvalidInstanceException">The fixed policy does not fit the instance.</exception>
    public static SolveResult Solve(
        ValidatedInstance valid, SolveOptions? options = null, CancellationToken cancel = default, IProgress<SolveProgress>? progress = null)
    {
        var instance = valid.Instance;
        options ??= new SolveOptions();
        var clock = new SolveClock(options.Time ?? TimeProvider.System);
        if (options.FixedPolicy is { } policy && PolicyFixer.Validate(instance, policy) is { Count: > 0 } violations)
        {
            throw new InvalidInstanceException(violations);
        }
        var fingerprint = valid.Fingerprint;
        var limit = options.TimeLimit ?? TimeSpan.MaxValue;
        Phase(progress, clock, options, SolvePhase.Build, "building the model");
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
        Phase(progress, clock, null, SolvePhase.Stage, $"solving with {SolverName(options, lp)}: {solver.NumVariables()} variables, {solver.NumConstraints()} rows");

        var built = clock.Elapsed;
        var mipLimit = limit == TimeSpan.MaxValue ? limit : built + (limit - built) * (1 - PostProcessingShare);
        var outcome = SolveLoop.Run(solver, model, parameters, options, mipLimit, data.MoneyScale, clock, cancel, progress);
        if (outcome.Status == Solver.ResultStatus.ABNORMAL && !lp && options.Solver == MipSolver.Scip && !cancel.IsCancellationRequested)
        {
            return SolveAgainWithHighs(instance, options, clock, limit, cancel, progress);
        }
        var solved = clock.Elapsed;
        var result = new SolveResult
        {
            Solver = Facts(solver, data.MoneyScale, outcome, SolverName(options, lp), clock.Elapsed),
            Fingerprint = fingerprint,
        };
        var skipped = new List<string>();
        bool Proceed(string what) => Continue(cancel, clock, limit, what, skipped);
        if (outcome.Best is { } solution)
        {
            Phase(progress, clock, options, SolvePhase.Extract, "extracting the plan");
            result = ResultExtractor.Extract(model, solution, result);
            if (options.ShadowPrices && options.FixedPolicy is null && Proceed("shadow prices"))
            {
                Phase(progress, clock, options, SolvePhase.ShadowPrices, lp ? "shadow prices from the LP's duals (GLOP)" : "shadow prices from the LP with integers fixed (GLOP)");
                result = result with
                {
                    // The LP just solved has the duals (the solution is still the solver's: one stage, no restart).
                    ShadowPrices = lp ? ShadowPriceCalculator.FromSolved(model) : ShadowPriceCalculator.Compute(data, ResultExtractor.IntegerValues(model, solution), Remaining(clock, limit), cancel),
                };
            }
            if (options.Explain && options.FixedPolicy is null && Proceed("the explanation"))
            {
                Phase(progress, clock, options, SolvePhase.Explain, "explaining the plan: marginal values, tier steps, each build flipped");
                var explanation = Explainer.Explain(model, solution, options with { TimeLimit = Remaining(clock, limit) }, result.Solver.Objective, cancel);
                result = cancel.IsCancellationRequested ? result : result with { Explanation = explanation };
            }
        }
        else if (outcome.Status == Solver.ResultStatus.INFEASIBLE && options.FixedPolicy is not null)
        {
            result = result with { Solver = result.Solver with { Message = "the fixed policy is infeasible on this instance (its stockpile, tiers or investments break a budget, storage, coverage or refill row)" } };
        }
        else if (outcome.Status == Solver.ResultStatus.INFEASIBLE && options.DiagnoseInfeasibility && Proceed("the infeasibility diagnosis"))
        {
            Phase(progress, clock, options, SolvePhase.Diagnose, "infeasible: elastic re-solves to find which families conflict");
            var diagnosis = InfeasibilityDiagnoser.Diagnose(data, options with { TimeLimit = Remaining(clock, limit) }, cancel);
            result = cancel.IsCancellationRequested ? result : result with { Diagnosis = diagnosis };
        }
        if (cancel.IsCancellationRequested && result.Solver.Termination != Termination.Cancelled)
        {
            // Cancelled after the solver stopped: the plan stands, what was not computed is said.
            result = result with { Solver = result.Solver with { Termination = Termination.Cancelled } };
            skipped.Add("(cancelled)");
        }
        return result with
        {
            Solver = result.Solver with
            {
                Message = Skipped(result.Solver.Message, skipped, cancel.IsCancellationRequested),
                WallSeconds = clock.Elapsed.TotalSeconds,
                BuildSeconds = built.TotalSeconds,
                SolveSeconds = (solved - built).TotalSeconds,
                ExtractSeconds = (clock.Elapsed - solved).TotalSeconds,
            },
        };
    }

    /// <summary>
    /// SCIP gave up on valid input (status ABNORMAL: "unresolved numerical troubles", e.g. one
    /// demand of 1e9 t among single tonnes): the same instance is solved again with HiGHS, whose
    /// simplex copes with such ranges (as CBC's does), within what is left of the time limit.
    /// The result says so; the plan is HiGHS's (shadow prices still come from GLOP).
    /// </summary>
    private static SolveResult SolveAgainWithHighs(
        StockpileInstance instance, SolveOptions options, SolveClock clock, TimeSpan limit, CancellationToken cancel, IProgress<SolveProgress>? progress)
    {
        progress?.Report(new SolveProgress { Kind = ProgressKind.Phase, Elapsed = clock.Elapsed, Message = "SCIP failed (numerical trouble): solving again with HiGHS" });
        var again = Solve(instance, options with { Solver = MipSolver.Highs, TimeLimit = Remaining(clock, limit) }, cancel, progress);
        const string note = "SCIP failed (ABNORMAL: numerical trouble, usually numbers of very different magnitudes); solved again with HiGHS";
        return again with
        {
            Solver = again.Solver with
            {
                Message = again.Solver.Message.Length == 0 ? note : $"{note}; {again.Solver.Message}",
                WallSeconds = clock.Elapsed.TotalSeconds,
            },
        };
    }

    /// <summary>Whether a post-processing phase may run: not cancelled and time left; else it is noted as skipped.</summary>
    private static bool Continue(CancellationToken cancel, SolveClock clock, TimeSpan limit, string what, List<string> skipped)
    {
        if (cancel.IsCancellationRequested || (limit != TimeSpan.MaxValue && clock.Elapsed >= limit))
        {
            skipped.Add(what);
            return false;
        }
        return true;
    }

    /// <summary>The time left of a limit (null: no limit), at least a millisecond.</summary>
    private static TimeSpan? Remaining(SolveClock clock, TimeSpan limit) =>
        limit == TimeSpan.MaxValue ? null : Max(limit - clock.Elapsed, TimeSpan.FromMilliseconds(1));

    private static string Skipped(string message, List<string> skipped, bool cancelled)
    {
        var phases = skipped.Where(s => !s.StartsWith('(')).ToArray();
        if (phases.Length == 0 && !skipped.Contains("(cancelled)"))
        {
            return message;
        }
        var why = cancelled ? "cancelled" : "time limit reached";
        var note = phases.Length == 0
            ? $"{why} after the solve ended; the plan stands"
            : $"{why} after the solve ended; the plan stands, {string.Join(" and ", phases)} not computed";
        return message.Length == 0 ? note : $"{message}; {note}";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    /// <summary>Reports a phase to a watcher, and to the test hook (<paramref name="hook"/> null: the hook runs elsewhere).</summary>
    private static void Phase(IProgress<SolveProgress>? progress, SolveClock clock, SolveOptions? hook, SolvePhase phase, string message)
    {
        hook?.OnPhase?.Invoke(phase);
        progress?.Report(new SolveProgress { Kind = ProgressKind.Phase, Elapsed = clock.Elapsed, Message = message });
    }

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

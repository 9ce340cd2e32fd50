using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Frontier (MODEL.md, "Analyses"): what more budget or more caution buys. Solves the
/// instance once per value of a budget scale or of λ and marks the points that are not
/// dominated in (expected fiscal outlay, expected shortage) for a budget sweep, or in
/// (expected cost, CVaR shortage) for a λ sweep.
/// </summary>
public static class FrontierAnalysis
{
    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    /// <exception cref="ArgumentException">The spec gives no values, both a list and a range, or a negative value.</exception>
    public static FrontierResult Run(
        StockpileInstance instance, FrontierSpec spec, CancellationToken cancel = default, IProgress<AnalysisProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var values = spec.SweptValues();
        return Sweep(ValidatedInstance.Require(instance).Instance, spec, values, cancel, progress);
    }

    /// <summary>The sweep of an instance already validated (each point is a new instance, checked by its solve).</summary>
    /// <exception cref="ArgumentException">The spec gives no values, both a list and a range, or a negative value.</exception>
    public static FrontierResult Run(
        ValidatedInstance valid, FrontierSpec spec, CancellationToken cancel = default, IProgress<AnalysisProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(spec);
        return Sweep(valid.Instance, spec, spec.SweptValues(), cancel, progress);
    }

    private static FrontierResult Sweep(
        StockpileInstance instance, FrontierSpec spec, IReadOnlyList<double> values, CancellationToken cancel, IProgress<AnalysisProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        var solve = ParallelSolves.WithinBudget(spec.Solve, spec.MaxParallelism);
        // Warm starts chain the points, so they run one after another.
        var concurrency = spec.WarmStart ? 1 : ParallelSolves.Concurrency(solve, spec.MaxParallelism, spec.Farm);
        Policy? previous = null;
        var label = spec.Parameter == FrontierParameter.BudgetScale ? "budget scale" : "λ";
        var solved = ParallelSolves.Run(values, concurrency,
            value =>
            {
                var hint = spec.WarmStart ? previous : null;
                var result = ParallelSolves.Solve(spec.Farm, At(instance, spec.Parameter, value), solve with { Hint = hint }, cancel);
                previous = result.Policy ?? previous;
                return new Solved(result, hint is not null);
            },
            (value, r) => ($"{label} = {value:G6}", ParallelSolves.Describe(r.Result)),
            clock, cancel, progress);

        var points = values.Select((value, i) => Point(value, solved[i]?.Result, solved[i]?.WarmStarted ?? false)).ToArray();
        points = MarkFrontier(points, spec.Parameter);
        var cancelled = cancel.IsCancellationRequested && points.Any(p => p.Termination == Termination.Cancelled);
        var onFrontier = points.Count(p => p.NonDominated);
        return new FrontierResult
        {
            Parameter = spec.Parameter,
            CostAxis = spec.Parameter == FrontierParameter.BudgetScale ? "expected fiscal outlay (USD)" : "expected cost (USD)",
            RiskAxis = spec.Parameter == FrontierParameter.BudgetScale ? "expected shortage (tonnes)" : "CVaR shortage (tonnes)",
            Points = points,
            Cancelled = cancelled,
            Message = (cancelled ? "cancelled; " : "")
                + $"{points.Count(p => p.ObjectiveUsd is not null)} of {points.Length} points solved, {onFrontier} on the frontier",
        };
    }

    private sealed record Solved(SolveResult Result, bool WarmStarted);

    /// <summary>The instance at one value of the swept parameter.</summary>
    internal static StockpileInstance At(StockpileInstance instance, FrontierParameter parameter, double value) => parameter switch
    {
        FrontierParameter.BudgetScale => instance with
        {
            // An unlimited budget stays unlimited (∞ · 0 would be NaN).
            Countries = instance.Countries.Select(c => c with { BudgetUsd = double.IsPositiveInfinity(c.BudgetUsd) ? c.BudgetUsd : c.BudgetUsd * value }).ToArray(),
        },
        FrontierParameter.RiskWeight => instance with { Policy = instance.Policy with { RiskWeight = value } },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "unknown frontier parameter"),
    };

    private static FrontierPoint Point(double value, SolveResult? result, bool warmStarted)
    {
        if (result is null)
        {
            return new FrontierPoint { Value = value, Termination = Termination.Cancelled, Message = "not solved: the analysis was cancelled" };
        }
        var kpis = ParallelSolves.HasPlan(result) ? result.Kpis : null;
        return new FrontierPoint
        {
            Value = value,
            Termination = result.Solver.Termination,
            ObjectiveUsd = kpis is null ? null : result.Solver.Objective,
            ExpectedCostUsd = kpis?.ExpectedCostUsd,
            ExpectedFiscalUsd = kpis?.ExpectedCostUsd - kpis?.ExpectedCostByComponent.Where(c => c.Component == CostComponents.ShortageDamage).Sum(c => c.Usd),
            ExpectedShortageTonnes = kpis?.ExpectedShortageTonnes,
            CvarShortageTonnes = kpis?.CvarShortageTonnes,
            CvarCostUsd = kpis?.CvarCostUsd,
            Gap = kpis is null ? null : result.Solver.Gap,
            Policy = result.Policy,
            WallSeconds = result.Solver.WallSeconds,
            WarmStarted = warmStarted,
            Message = result.Solver.Message,
        };
    }

    private static FrontierPoint[] MarkFrontier(FrontierPoint[] points, FrontierParameter parameter)
    {
        var solved = points.Where(p => p.ExpectedCostUsd is not null).ToArray();
        var coordinates = solved.Select(p => parameter == FrontierParameter.BudgetScale
            ? (p.ExpectedFiscalUsd!.Value, p.ExpectedShortageTonnes!.Value)
            : (p.ExpectedCostUsd!.Value, p.CvarShortageTonnes!.Value)).ToArray();
        var flags = Pareto.NonDominated(coordinates);
        var onFrontier = solved.Where((_, i) => flags[i]).ToHashSet();
        return points.Select(p => p with { NonDominated = onFrontier.Contains(p) }).ToArray();
    }
}

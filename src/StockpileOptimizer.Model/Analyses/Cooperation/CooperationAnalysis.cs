using System.Diagnostics;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Builder;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>
/// Cooperation value (MODEL.md, "Analyses"): solves every coalition of countries — the
/// singletons are the stand-alone problems, whose sum is INDEPENDENT; the grand coalition is
/// JOINT — and splits the saving by the Shapley value of v(S) = Σ_{c∈S} stand-alone(c) − cost(S).
/// </summary>
public static class CooperationAnalysis
{
    /// <summary>Name of the saving component that is not an expected cost: the change in λ·CVaR.</summary>
    public const string RiskComponent = "risk-term";

    /// <summary>Above this no <see cref="CooperationOptions.MaxCountries"/> is honoured: 2^20 − 1 solves is already beyond any job.</summary>
    public const int HardLimit = AnalysisLimits.MaxCooperationCountries;

    /// <exception cref="InvalidInstanceException">The instance breaks a validation rule.</exception>
    /// <exception cref="TooManyCountriesException">More countries than <see cref="CooperationOptions.MaxCountries"/>.</exception>
    public static CooperationResult Run(
        StockpileInstance instance, CooperationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null) =>
        Run(ValidatedInstance.Require(instance), options, cancel, progress);

    /// <summary>The analysis of an instance already validated (each coalition is a new instance, checked by its solve).</summary>
    /// <exception cref="TooManyCountriesException">More countries than <see cref="CooperationOptions.MaxCountries"/>.</exception>
    public static CooperationResult Run(
        ValidatedInstance valid, CooperationOptions? options = null, CancellationToken cancel = default,
        IProgress<AnalysisProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(valid);
        options ??= new CooperationOptions();
        var instance = valid.Instance;
        var n = instance.Countries.Count;
        var limit = Math.Min(options.MaxCountries, HardLimit);
        if (n > limit)
        {
            throw new TooManyCountriesException(n, limit);
        }
        var clock = Stopwatch.StartNew();
        var solve = ParallelSolves.WithinBudget(options.Solve, options.MaxParallelism);
        // Largest coalitions first: they take longest, so the small ones fill the gaps.
        var masks = Enumerable.Range(1, (1 << n) - 1)
            .OrderByDescending(m => System.Numerics.BitOperations.PopCount((uint)m)).ThenBy(m => m).ToArray();
        var solved = ParallelSolves.Run(masks, ParallelSolves.Concurrency(solve, options.MaxParallelism, options.Farm),
            mask => ParallelSolves.Solve(options.Farm, Coalition.Restrict(instance, Coalition.Members(instance, mask)), solve, cancel),
            (mask, result) => ($"coalition {Coalition.Label(Coalition.Members(instance, mask))}", ParallelSolves.Describe(result)),
            clock, cancel, progress);
        var byMask = new SolveResult?[1 << n];
        for (var i = 0; i < masks.Length; i++)
        {
            byMask[masks[i]] = solved[i];
        }
        return Summarise(instance, byMask, cancel.IsCancellationRequested);
    }

    private static CooperationResult Summarise(StockpileInstance instance, SolveResult?[] byMask, bool cancelled)
    {
        var n = instance.Countries.Count;
        var grand = (1 << n) - 1;
        double? Cost(int mask) => ParallelSolves.HasPlan(byMask[mask]) ? byMask[mask]!.Solver.Objective : null;
        var complete = Enumerable.Range(1, grand).All(m => Cost(m) is not null);
        cancelled &= byMask.Skip(1).Any(r => r is null || r.Solver.Termination == Termination.Cancelled);
        var standAlone = Enumerable.Range(0, n).Select(c => Cost(1 << c)).ToArray();
        double? Value(int mask) => complete
            ? Enumerable.Range(0, n).Where(c => (mask & (1 << c)) != 0).Sum(c => standAlone[c]!.Value) - Cost(mask)!.Value
            : null;

        var coalitions = Enumerable.Range(1, grand)
            .OrderBy(m => System.Numerics.BitOperations.PopCount((uint)m)).ThenBy(m => m)
            .Select(m => Outcome(instance, m, byMask[m], Value(m))).ToArray();
        var shapley = complete ? Shapley.Values(n, Enumerable.Range(0, grand + 1).Select(m => m == 0 ? 0 : Value(m)!.Value).ToArray()) : null;
        var shares = instance.Countries.Select((c, i) => new CountryShare(
            c.Id, standAlone[i], shapley?[i], shapley is null ? null : standAlone[i] - shapley[i])).ToArray();

        var failed = coalitions.Where(c => c.CostUsd is null).ToArray();
        var independent = complete ? standAlone.Sum(c => c!.Value) : (double?)null;
        var joint = complete ? Cost(grand) : null;
        var message = cancelled ? "cancelled before every coalition was solved; the saving and its split are undefined"
            : failed.Length > 0 ? "no plan for " + string.Join(", ", failed.Select(f => $"{Coalition.Label(f.Members)} ({f.Termination.ToString().ToLowerInvariant()})"))
                + ": the saving and its split are undefined"
            : $"cooperation saves {independent - joint:N2} USD ({(independent - joint) / Math.Max(1e-12, Math.Abs(independent!.Value)):P2} of the independent cost)";
        return new CooperationResult
        {
            Countries = instance.Countries.Select(c => c.Id).ToArray(),
            JointCostUsd = joint,
            IndependentCostUsd = independent,
            SavingUsd = independent - joint,
            SavingByComponent = complete ? SavingByComponent(n, byMask) : [],
            Shares = shares,
            Coalitions = coalitions,
            Exact = complete && coalitions.All(c => c.Termination == Termination.Optimal),
            Cancelled = cancelled,
            Message = message,
        };
    }

    /// <summary>Σ_c stand-alone component − joint component, for each expected-cost component and the risk term.</summary>
    private static CostComponent[] SavingByComponent(int n, SolveResult?[] byMask)
    {
        var grand = byMask[(1 << n) - 1]!;
        var singles = Enumerable.Range(0, n).Select(c => byMask[1 << c]!).ToArray();
        double Component(SolveResult r, string name) => r.Kpis!.ExpectedCostByComponent.FirstOrDefault(x => x.Component == name)?.Usd ?? 0;
        double Risk(SolveResult r) => r.Solver.Objective - r.Kpis!.ExpectedCostUsd;
        return CostComponents.All
            .Select(name => new CostComponent(name, singles.Sum(s => Component(s, name)) - Component(grand, name)))
            .Append(new CostComponent(RiskComponent, singles.Sum(Risk) - Risk(grand)))
            .ToArray();
    }

    private static CoalitionOutcome Outcome(StockpileInstance instance, int mask, SolveResult? result, double? value)
    {
        var members = Coalition.Members(instance, mask);
        if (result is null)
        {
            return new CoalitionOutcome { Members = members, Termination = Termination.Cancelled, Message = "not solved: the analysis was cancelled" };
        }
        var hasPlan = ParallelSolves.HasPlan(result);
        return new CoalitionOutcome
        {
            Members = members,
            Termination = result.Solver.Termination,
            CostUsd = hasPlan ? result.Solver.Objective : null,
            ExpectedCostUsd = hasPlan ? result.Kpis?.ExpectedCostUsd : null,
            ValueUsd = value,
            Gap = hasPlan ? result.Solver.Gap : null,
            WallSeconds = result.Solver.WallSeconds,
            ExpectedCostByComponent = hasPlan ? result.Kpis?.ExpectedCostByComponent ?? [] : [],
            Policy = result.Policy,
            Message = result.Solver.Message,
        };
    }
}

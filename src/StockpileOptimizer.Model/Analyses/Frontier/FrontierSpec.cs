using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>What <see cref="FrontierAnalysis"/> sweeps: the parameter and either a list of values or a range.</summary>
public sealed record FrontierSpec
{
    public FrontierParameter Parameter { get; init; }
    /// <summary>The values, in sweep order. Give these or <see cref="Range"/>, not both.</summary>
    public IReadOnlyList<double>? Values { get; init; }
    public FrontierRange? Range { get; init; }
    /// <summary>
    /// Start each solve from the previous point's policy (a solver hint). The points are then
    /// solved one after another; without warm starts they are solved side by side within
    /// <see cref="MaxParallelism"/>. Each solve uses Solve.Threads, capped at MaxParallelism.
    /// </summary>
    public bool WarmStart { get; init; } = true;
    /// <summary>Solver threads the analysis may use at once.</summary>
    public int MaxParallelism { get; init; } = 1;
    /// <summary>Options of every point's solve (time limit and gap apply per point).</summary>
    public SolveOptions Solve { get; init; } = ParallelSolves.DefaultSolve;
    /// <summary>Where the solves run (null: this process, within <see cref="MaxParallelism"/>).</summary>
    public Sampling.ISolveFarm? Farm { get; init; }

    /// <summary>The swept values, checked: finite and ≥ 0 (a budget scale or a risk weight).</summary>
    /// <exception cref="ArgumentException">Neither or both of a list and a range, or a value out of range.</exception>
    public IReadOnlyList<double> SweptValues()
    {
        if ((Values is null) == (Range is null))
        {
            throw new ArgumentException("give the frontier either a list of values or a range (start, stop, steps), not both and not neither", "spec");
        }
        IReadOnlyList<double> values;
        if (Range is { } r)
        {
            if (r.Steps < 1)
            {
                throw new ArgumentException($"range.steps must be ≥ 1 (got {r.Steps})", "spec");
            }
            values = r.Steps == 1
                ? [r.Start]
                : Enumerable.Range(0, r.Steps).Select(i => i == r.Steps - 1 ? r.Stop : r.Start + i * (r.Stop - r.Start) / (r.Steps - 1)).ToArray();
        }
        else
        {
            values = Values!;
        }
        if (values.Count == 0)
        {
            throw new ArgumentException("the frontier needs at least one value", "spec");
        }
        var name = Parameter == FrontierParameter.BudgetScale ? "budget scale" : "risk weight λ";
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentException($"every {name} must be a finite number ≥ 0 (got {v})", "spec");
            }
        }
        return values;
    }
}

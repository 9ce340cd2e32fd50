// The solver enum is the Domain's (it crosses the wire in SolveSettings); the Model names it unqualified.

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model;

/// <summary>
/// How to solve: the caller's <see cref="SolveSettings"/> (<see cref="From"/>, <see cref="Settings"/>)
/// and what the engine chooses (threads, fixed policy, hint, progress interval, test hooks).
/// The defaults give the same answer for the same input.
/// </summary>
public sealed record SolveOptions
{
    /// <summary>The options of a solve as a caller states it; everything else keeps its default.</summary>
    public static SolveOptions From(SolveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SolveOptions
        {
            Solver = settings.Solver,
            TimeLimit = settings.TimeLimit,
            RelativeGap = settings.RelativeGap,
            Seed = settings.Seed,
            ShadowPrices = settings.ShadowPrices,
            DiagnoseInfeasibility = settings.DiagnoseInfeasibility,
            Explain = settings.Explain,
        };
    }

    /// <summary>The part a caller states (what a remote solve sends).</summary>
    public SolveSettings Settings() => new()
    {
        Solver = Solver,
        TimeLimit = TimeLimit,
        RelativeGap = RelativeGap,
        Seed = Seed,
        ShadowPrices = ShadowPrices,
        DiagnoseInfeasibility = DiagnoseInfeasibility,
        Explain = Explain,
    };

    public MipSolver Solver { get; init; } = MipSolver.Scip;
    /// <summary>Null: no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Stop when (objective − bound)/|objective| falls below this.</summary>
    public double RelativeGap { get; init; } = SolveSettings.DefaultRelativeGap;
    public int Threads { get; init; } = 1;
    /// <summary>Fixed seed for the solver's randomisation (determinism).</summary>
    public int Seed { get; init; }
    /// <summary>Compute budget and storage shadow prices from the LP with integers fixed.</summary>
    public bool ShadowPrices { get; init; } = true;
    /// <summary>First stage length when progress is watched; later stages double (see SolveLoop).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Fix the first stage at this policy and solve only the recourse (an LP, solved by GLOP):
    /// what the plan costs on this instance's scenarios. Null: optimise the policy.
    /// </summary>
    public Domain.Policy? FixedPolicy { get; init; }
    /// <summary>
    /// A policy to start the MIP from (e.g. the previous point of a sweep): its first-stage
    /// values are handed to the solver as a hint (see Solving/Hinting.cs). It never changes
    /// the optimum; ignored with <see cref="FixedPolicy"/> and by solvers without hints.
    /// </summary>
    public Domain.Policy? Hint { get; init; }
    /// <summary>Run the elastic re-solve when the instance is infeasible.</summary>
    public bool DiagnoseInfeasibility { get; init; } = true;
    /// <summary>
    /// Say why (docs/model.md, "Why"): marginal values from the fixed-integer LP, tier steps
    /// by LP re-solves, and each build's value by a MIP re-solve with it flipped. Costs one
    /// extra solve per build and two LPs per tier choice.
    /// </summary>
    public bool Explain { get; init; }
    /// <summary>
    /// Test hook: runs as each phase of a solve begins (for a stage: right before it hands the
    /// model to the solver, after the loop's own cancellation check), so that a test can land a
    /// cancel, or move a fake clock, exactly there.
    /// </summary>
    internal Action<SolvePhase>? OnPhase { get; init; }
    /// <summary>Test hook: the clock the time limit is measured on (default: the system's).</summary>
    internal TimeProvider? Time { get; init; }
}

/// <summary>The phases of a solve, in order (see <see cref="SolveOptions.OnPhase"/>).</summary>
internal enum SolvePhase
{
    Build,
    Stage,
    Extract,
    ShadowPrices,
    Explain,
    Diagnose,
}

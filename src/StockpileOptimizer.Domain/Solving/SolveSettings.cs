namespace StockpileOptimizer.Domain;

/// <summary>The MIP solver behind OR-Tools' linear solver wrapper.</summary>
public enum MipSolver
{
    Scip,
    Cbc,
    Highs,
}

/// <summary>
/// How to solve, as a caller states it (the SolveOptions message of the API, the CLI's
/// options): the part of the engine's options that crosses the wire. Threads, the fixed policy,
/// hints and progress are the engine's to choose. The defaults give the same answer for the
/// same input.
/// </summary>
public sealed record SolveSettings
{
    /// <summary>The relative gap a solve stops at when none is given.</summary>
    public const double DefaultRelativeGap = 1e-4;

    public MipSolver Solver { get; init; } = MipSolver.Scip;

    /// <summary>Longest the solve may run. Null: no limit (the job system's default on a server).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Stop when (objective − bound)/|objective| falls below this.</summary>
    public double RelativeGap { get; init; } = DefaultRelativeGap;

    /// <summary>Fixed seed for the solver's randomisation (determinism).</summary>
    public int Seed { get; init; }

    /// <summary>Compute budget and storage shadow prices from the LP with integers fixed.</summary>
    public bool ShadowPrices { get; init; } = true;

    /// <summary>Run the elastic re-solve when the instance is infeasible.</summary>
    public bool DiagnoseInfeasibility { get; init; } = true;

    /// <summary>Say why (docs/model.md, "Why"): marginal values, tier steps and each build's value.</summary>
    public bool Explain { get; init; }
}

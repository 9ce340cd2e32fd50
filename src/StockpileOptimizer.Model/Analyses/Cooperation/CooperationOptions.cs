using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>How to run <see cref="CooperationAnalysis"/>.</summary>
public sealed record CooperationOptions
{
    /// <summary>Largest number of countries accepted: the analysis solves 2^N − 1 coalitions (63 for 6). Capped at <see cref="CooperationAnalysis.HardLimit"/>.</summary>
    public int MaxCountries { get; init; } = CooperationAnalysisSpec.DefaultMaxCountries;
    /// <summary>Solver threads the analysis may use at once (the job's share of the host); see <see cref="ParallelSolves"/>.</summary>
    public int MaxParallelism { get; init; } = 1;
    /// <summary>Options of every coalition solve (time limit and gap apply per solve).</summary>
    public SolveOptions Solve { get; init; } = ParallelSolves.DefaultSolve;
    /// <summary>Where the solves run (null: this process, within <see cref="MaxParallelism"/>).</summary>
    public Sampling.ISolveFarm? Farm { get; init; }
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Analyses;

/// <summary>How to run <see cref="EvaluationAnalysis"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Solver threads the analysis may use at once: that many recourse LPs run side by side.</summary>
    public int MaxParallelism { get; init; } = 1;
    /// <summary>Confidence of the interval around each mean.</summary>
    public double ConfidenceLevel { get; init; } = EvaluationAnalysisSpec.DefaultConfidenceLevel;
    public IReadOnlyList<double> Quantiles { get; init; } = [0.05, 0.25, 0.5, 0.75, 0.95];
    /// <summary>Defence shortage above this many tonnes counts as "a defence-sector shortage".</summary>
    public double ShortageToleranceTonnes { get; init; } = 1e-6;
    /// <summary>Options of every solve (for VSS and EVPI also the MIPs: gap and time limit per solve).</summary>
    public SolveOptions Solve { get; init; } = ParallelSolves.DefaultSolve;
    /// <summary>Where the solves run (null: this process, within <see cref="MaxParallelism"/>).</summary>
    public Sampling.ISolveFarm? Farm { get; init; }
}

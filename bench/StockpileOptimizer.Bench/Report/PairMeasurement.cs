using StockpileOptimizer.Bench.Measuring;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Bench.Report;

/// <summary>One instance through the engine and, exported to MPS, through SCIP alone.</summary>
internal sealed record Pair(GeneratorSpec Spec, bool Lp, PointResult Engine, PointResult Alone, int Repeats)
{
    /// <summary>(engine wall − solver-alone solve) / solver-alone solve.</summary>
    public double Overhead => (Engine.WallSeconds - Alone.SolveSeconds) / Alone.SolveSeconds;

    /// <summary>What the engine adds around the solver call: (build + extract) / solver-alone solve. Free of solver-time noise.</summary>
    public double BuildExtractShare => (Engine.BuildSeconds + Engine.ExtractSeconds) / Alone.SolveSeconds;

    /// <summary>Relative difference of the two objectives (engine in USD brought to solver units).</summary>
    public double ObjectiveDifference =>
        Math.Abs(Engine.Objective * Engine.MoneyScale - Alone.Objective) / Math.Max(1, Math.Abs(Alone.Objective));
}

internal static class PairMeasurement
{
    /// <summary>
    /// Engine first, then the MPS it exported solved alone, each in a fresh process. Points whose
    /// engine wall is under <paramref name="repeatBelowSeconds"/> are measured three times and the
    /// median of each time kept (small points are the noisiest on a shared machine).
    /// </summary>
    public static async Task<(Pair? Pair, string? Error)> RunAsync(
        ReportContext context, GeneratorSpec spec, bool lp, double repeatBelowSeconds)
    {
        var mps = Path.Combine(context.Scratch, $"point-{Guid.NewGuid():N}.mps");
        var engines = new List<PointResult>();
        var alones = new List<PointResult>();
        try
        {
            for (var run = 0; run < 3; run++)
            {
                var label = $"{Instances.BenchInstances.Label(spec)}{(lp ? " LP" : "")} run {run + 1}";
                var (engine, error) = await context.PointAsync(
                    new PointRequest { Kind = PointKind.Engine, Spec = spec, Lp = lp, MpsPath = run == 0 ? mps : null }, $"engine {label}");
                if (engine is null)
                {
                    return (null, $"engine: {error}");
                }
                // The engine solves an LP (no binaries) with GLOP and a MIP with SCIP: the same solver alone.
                var aloneSolver = lp ? "glop" : "scip";
                var (alone, aloneError) = await context.PointAsync(
                    new PointRequest { Kind = PointKind.Alone, MpsPath = mps, AloneSolver = aloneSolver }, $"{aloneSolver} alone {label}");
                if (alone is null)
                {
                    return (null, $"solver alone: {aloneError}");
                }
                engines.Add(run == 0 ? engine : engine with { NonZeros = engines[0].NonZeros });
                alones.Add(alone);
                if (context.Quick || engine.WallSeconds >= repeatBelowSeconds)
                {
                    break;
                }
            }
            return (new Pair(spec, lp, Median(engines, r => r.WallSeconds), Median(alones, r => r.SolveSeconds), engines.Count), null);
        }
        finally
        {
            File.Delete(mps);
        }
    }

    /// <summary>The run with the median time (one whole run, so that its parts stay consistent).</summary>
    private static PointResult Median(List<PointResult> runs, Func<PointResult, double> time) =>
        runs.OrderBy(time).ElementAt(runs.Count / 2);
}

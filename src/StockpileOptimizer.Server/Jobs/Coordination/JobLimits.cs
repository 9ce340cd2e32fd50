using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The limits in force: concurrency and solver threads fitted to the machine, and the time
/// limits applied to each submitted solve.
/// </summary>
internal sealed record JobLimits(int ConcurrentSolves, int ThreadsPerSolve, TimeSpan DefaultTimeLimit, TimeSpan MaxTimeLimit)
{
    /// <summary>
    /// Concurrent solves × threads per solve must not exceed <paramref name="processors"/>:
    /// first the threads per solve shrink (to at least 1), then the concurrency (to at most one
    /// solve per processor). <paramref name="adjustment"/> says what was clamped, or is null.
    /// </summary>
    public static JobLimits Fit(JobOptions options, int processors, out string? adjustment)
    {
        processors = Math.Max(1, processors);
        var concurrent = Math.Clamp(options.MaxConcurrentSolves, 1, processors);
        var threads = Math.Clamp(options.SolverThreadsPerSolve, 1, processors / concurrent);
        adjustment = concurrent == options.MaxConcurrentSolves && threads == options.SolverThreadsPerSolve
            ? null
            : $"{options.MaxConcurrentSolves} concurrent solves × {options.SolverThreadsPerSolve} threads do not fit {processors} processors; " +
              $"using {concurrent} × {threads}";
        return new JobLimits(
            concurrent, threads, options.DefaultTimeLimit, options.MaxTimeLimit)
        {
            HoldSolves = options.TestHoldSolvesUntilCancelled,
        };
    }

    /// <summary>For tests only: solve jobs are held instead of solved (<see cref="HeldSolve"/>).</summary>
    public bool HoldSolves { get; init; }

    /// <summary>
    /// The options a solve runs with: the caller's time limit clamped to the maximum (the
    /// default when none, or a non-positive one, was given) and the thread budget.
    /// </summary>
    public SolveOptions Apply(SolveOptions submitted) => submitted with
    {
        TimeLimit = submitted.TimeLimit is { } limit && limit > TimeSpan.Zero
            ? (limit < MaxTimeLimit ? limit : MaxTimeLimit)
            : DefaultTimeLimit,
        Threads = ThreadsPerSolve,
    };
}

using System.Globalization;

namespace StockpileOptimizer.Reliability.Tests;

/// <summary>
/// How much the suite does. A plain <c>dotnet test</c> runs the fast subset (a few hundred fuzz
/// cases, a 5 s load, no kill/restart); <c>STOCKPILE_RELIABILITY=full</c> (what
/// <c>.ci/reliability.sh</c> sets) runs everything at full counts. Every count and duration
/// can also be set alone (STOCKPILE_FUZZ_CASES, STOCKPILE_LOAD_SECONDS, …).
/// </summary>
internal static class Suite
{
    public static readonly bool Full =
        string.Equals(Environment.GetEnvironmentVariable("STOCKPILE_RELIABILITY"), "full", StringComparison.OrdinalIgnoreCase);

    public static string Mode => Full ? "full" : "fast";

    /// <summary>Hostile instance requests (Solve / StartSolve / ValidateScenario, in turn).</summary>
    public static int FuzzCases => Int("STOCKPILE_FUZZ_CASES", Full ? 1200 : 150);

    /// <summary>Requests around and over a small receive-size limit.</summary>
    public static int OversizeCases => Int("STOCKPILE_OVERSIZE_CASES", Full ? 150 : 30);

    /// <summary>Hostile job names and list requests (GetJob, CancelJob, WatchJob, ListJobs).</summary>
    public static int JobCallCases => Int("STOCKPILE_JOB_CALL_CASES", Full ? 200 : 40);

    /// <summary>Bytes that are not a valid request message at all.</summary>
    public static int RawBytesCases => Int("STOCKPILE_RAW_CASES", Full ? 100 : 20);

    /// <summary>Seed of every generator: a failure replays with the same seed.</summary>
    public static ulong FuzzSeed => (ulong)Int("STOCKPILE_FUZZ_SEED", 20261123);

    public static int LoadClients => Int("STOCKPILE_LOAD_CLIENTS", 50);

    public static TimeSpan LoadDuration => TimeSpan.FromSeconds(Int("STOCKPILE_LOAD_SECONDS", Full ? 20 : 5));

    /// <summary>Time limits (seconds) whose overshoot is measured.</summary>
    public static int[] OvershootLimits => Full ? [1, 3, 8] : [2];

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}

/// <summary>A test that runs only in the full suite (STOCKPILE_RELIABILITY=full); skipped, saying so, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SlowFactAttribute : FactAttribute
{
    public SlowFactAttribute()
    {
        if (!Suite.Full)
        {
            Skip = "slow: runs in the full reliability suite (.ci/reliability.sh, STOCKPILE_RELIABILITY=full)";
        }
    }
}

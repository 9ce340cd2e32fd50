namespace StockpileOptimizer.Server.Jobs;

/// <summary>State helpers and the names states and event kinds are stored under.</summary>
internal static class JobStates
{
    public static bool IsTerminal(this JobState state) =>
        state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    /// <summary>True for the event that reports a terminal state: the last event of a job.</summary>
    public static bool IsTerminal(this JobEvent e) =>
        e.Kind == JobEventKind.State && e.State is { } state && state.IsTerminal();

    public static string ToName(this JobState state) => state.ToString().ToUpperInvariant();

    public static string ToName(this JobEventKind kind) => kind.ToString().ToUpperInvariant();

    public static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, ignoreCase: true);

    /// <summary>Solver numbers are NaN when there is no plan; events carry null instead.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Hosting;

/// <summary>
/// Failures that mean the server cannot start as it is set up — a job store it cannot open
/// (not a database, damaged, locked by another process, unreachable), a cluster membership
/// database it cannot use, or invalid options (or a setting that does not parse) —
/// told as one line on stderr with exit code 1, instead of an unhandled exception (a stack
/// trace and SIGABRT, exit code 134). Anything else is a bug and keeps its stack.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>The one-line reason, or null when <paramref name="exception"/> is not a start-up failure.</summary>
    public static string? Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JobStoreException store:
                    return OneLine($"stockpile server: cannot start: {store.Message}");
                case Cluster.ClusterStartupException cluster:
                    return OneLine($"stockpile server: cannot start: {cluster.Message}");
                case OptionsValidationException options:
                    return OneLine($"stockpile server: cannot start: invalid configuration: {string.Join("; ", options.Failures)}");
                // The configuration binder's "Failed to convert configuration value 'x' at 'Cluster:Clustering' to type …"
                // (an enum, number or duration that does not parse; it names the key).
                case InvalidOperationException { InnerException: FormatException } binding
                    when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return OneLine($"stockpile server: cannot start: invalid configuration: {binding.Message}");
            }
        }
        return null;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

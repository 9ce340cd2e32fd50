using System.Runtime.InteropServices;

namespace StockpileOptimizer.TestData;

/// <summary>What the tests that start server processes share: the dotnet host, a record of the children, signals.</summary>
public static class ChildProcesses
{
    private static readonly object PidLock = new();

    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH), else "dotnet" from PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Appends the child's id to $STOCKPILE_RELIABILITY_OUT/server-pids (when set), so that
    /// .ci/reliability.sh stops (by id) any server left behind if the test host itself was killed.
    /// </summary>
    public static void RecordPid(int pid)
    {
        if (Environment.GetEnvironmentVariable("STOCKPILE_RELIABILITY_OUT") is { Length: > 0 } directory)
        {
            lock (PidLock)
            {
                Directory.CreateDirectory(directory);
                File.AppendAllText(Path.Combine(directory, "server-pids"), $"{pid}\n");
            }
        }
    }

    /// <summary>Sends a signal (e.g. 15, SIGTERM) to a process; 0 when it was sent.</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

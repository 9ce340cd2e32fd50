namespace StockpileOptimizer.Cli;

/// <summary>
/// What the process returns. Scripts rely on these numbers: never renumber, only add
/// (docs/cli.md lists them).
/// </summary>
internal static class ExitCodes
{
    /// <summary>Solved (a plan, possibly the best found within a time limit) or the command did its job.</summary>
    public const int Ok = 0;
    /// <summary>A bug or an environment failure nobody planned for; the message says what.</summary>
    public const int Unexpected = 1;
    /// <summary>The command line is wrong: unknown command or option, bad value, a --set path that does not exist.</summary>
    public const int Usage = 2;
    /// <summary>An input file is missing, malformed or breaks a validation rule; every problem is on stderr with its field path.</summary>
    public const int InvalidInput = 3;
    /// <summary>The instance has no feasible plan (the diagnosis says which families conflict).</summary>
    public const int Infeasible = 4;
    /// <summary>Time limit reached or cancelled before any plan was found.</summary>
    public const int NoPlan = 5;
    /// <summary>--server: the server could not be reached (after retries), did not answer in time, refused the API key, or its queue is full.</summary>
    public const int ServerUnreachable = 6;
    /// <summary>The command cannot run in the chosen mode (export-mps with --server: the API has no RPC for it).</summary>
    public const int NotSupported = 7;
}

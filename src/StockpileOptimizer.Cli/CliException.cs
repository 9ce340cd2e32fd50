namespace StockpileOptimizer.Cli;

/// <summary>
/// A failure the CLI explains itself: each of <see cref="Problems"/> is printed on its own
/// line of stderr (naming the field or option at fault) and the process exits with
/// <see cref="ExitCode"/>.
/// </summary>
internal sealed class CliException : Exception
{
    private CliException(int exitCode, IReadOnlyList<string> problems, Exception? inner = null)
        : base(string.Join(Environment.NewLine, problems), inner)
    {
        ExitCode = exitCode;
        Problems = problems;
    }

    public int ExitCode { get; }
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The command line is wrong (exit 2).</summary>
    public static CliException Usage(string problem) => new(ExitCodes.Usage, [problem]);

    /// <summary>An input file is wrong (exit 3); each problem names its file and field.</summary>
    public static CliException Input(IReadOnlyList<string> problems, Exception? inner = null) => new(ExitCodes.InvalidInput, problems, inner);

    public static CliException Input(string problem, Exception? inner = null) => Input([problem], inner);

    /// <summary>The server named by --server cannot be reached (exit 6).</summary>
    public static CliException ServerUnreachable(string problem, Exception? inner = null) => new(ExitCodes.ServerUnreachable, [problem], inner);

    /// <summary>The command cannot run in this mode (exit 7).</summary>
    public static CliException NotSupported(string problem) => new(ExitCodes.NotSupported, [problem]);
}

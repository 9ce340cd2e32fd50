using System.CommandLine;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>--explain</c> (the default) or <c>--no-explain</c>: whether a solve says why (SolveOptions.Explain).</summary>
internal sealed class ExplainInput
{
    public Option<bool> Explain { get; } = new("--explain")
    {
        Description = "Say why: marginal value of each stockpile, tier steps, floor payments, each build's value (default)",
    };

    public Option<bool> NoExplain { get; } = new("--no-explain")
    {
        Description = "Skip the why: saves one re-solve per investment and two LPs per tier choice",
    };

    public void AddTo(Command command)
    {
        command.Add(Explain);
        command.Add(NoExplain);
    }

    /// <summary>True unless <c>--no-explain</c>; both at once is a usage error.</summary>
    public bool Read(ParseResult parse)
    {
        var no = parse.GetValue(NoExplain);
        if (no && parse.GetValue(Explain))
        {
            throw CliException.Usage("--explain and --no-explain: give one of them");
        }
        return !no;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using StockpileOptimizer.Cli.Input;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>The instance argument with <c>--set</c> and <c>--mode</c>: what every engine command reads.</summary>
internal sealed class InstanceInput
{
    public Argument<string?> File { get; } = new("instance")
    {
        Description = "Instance JSON file (// comments allowed; - for stdin). Default: the embedded US–Canada instance",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a field before solving, by its validator path: --set countries[0].budgetUsd=5e8 --set policy.riskWeight=0.3 (repeatable; countries[CA] picks by id)",
        HelpName = "path=value",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<CooperationMode?> Mode { get; } = new("--mode")
    {
        Description = "joint (share and invest together) or independent (each country alone); overrides policy.mode",
        HelpName = "joint|independent",
    };

    public InstanceInput()
    {
        File.Validators.Add(NoOptions);
    }

    /// <summary>An unknown option would otherwise be taken for a file name.</summary>
    public static void NoOptions(ArgumentResult result)
    {
        foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value != "-"))
        {
            result.AddError($"unknown option {token.Value}");
        }
    }

    public void AddTo(Command command)
    {
        command.Add(File);
        command.Add(Set);
        command.Add(Mode);
    }

    public Task<StockpileInstance> LoadAsync(ParseResult parse, CommandContext context) =>
        InstanceLoader.LoadAsync(parse.GetValue(File), parse.GetValue(Set) ?? [], parse.GetValue(Mode), context.Engine, context.Io, context.Cancel);
}

using System.CommandLine;
using StockpileOptimizer.Cli.Input;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>--samples N --seed S [--distribution FILE]</c>: seeded scenario sampling (docs/scenario-generation.md).</summary>
internal sealed class SamplingInput(int defaultCount)
{
    public Option<int> Count { get; } = new("--samples", "-n") { Description = "Number of scenarios to sample", DefaultValueFactory = _ => defaultCount, HelpName = "N" };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed: the same seed gives the same scenarios", DefaultValueFactory = _ => 1 };

    public Option<string?> Distribution { get; } = new("--distribution")
    {
        Description = "Scenario distribution JSON (fields it omits keep their defaults; stockpile default --distribution writes them all)",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Add(Count);
        command.Add(Seed);
        command.Add(Distribution);
    }

    /// <summary>What to sample, the distribution checked against the instance, and how the report names the sample.</summary>
    public (int Count, int Seed, ScenarioDistribution Distribution, string Source) Read(ParseResult parse, StockpileInstance instance, CommandContext context)
    {
        var count = parse.GetValue(Count);
        if (count < 1)
        {
            throw CliException.Usage($"--samples {count}: give at least 1");
        }
        var seed = parse.GetValue(Seed);
        var path = parse.GetValue(Distribution);
        var distribution = SideFiles.Distribution(path, instance, context.Io);
        return (count, seed, distribution, $"{count} scenarios sampled with seed {seed} from {path ?? "the default distribution"}");
    }
}

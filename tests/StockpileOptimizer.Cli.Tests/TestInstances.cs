namespace StockpileOptimizer.Cli.Tests;

/// <summary>Inputs for the CLI in its own file formats (the instances themselves: <see cref="HandInstances"/>).</summary>
internal static class TestInstances
{
    /// <summary>A sampling distribution for the newsvendor in its JSON file form: its supplier x halts group g with probability ½ (other fields: defaults).</summary>
    public const string NewsvendorDistributionJson = """
        // every omitted field keeps its default
        { "supplier": "x", "halts": [ { "group": "g", "probability": 0.5 } ] }
        """;
}

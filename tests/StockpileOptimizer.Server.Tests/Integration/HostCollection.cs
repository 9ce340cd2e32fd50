namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Integration tests run one at a time: they start hosts that solve on a two-core machine,
/// and timings (cancel mid-solve, deadlines) must not depend on what else runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "host";
}

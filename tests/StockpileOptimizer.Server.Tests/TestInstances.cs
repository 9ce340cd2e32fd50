using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests;

/// <summary>Instances for the server's tests: tiny ones that solve in milliseconds, generated larger ones.</summary>
internal static class TestInstances
{
    /// <summary>
    /// The newsvendor of <see cref="HandInstances.Newsvendor"/> over two quarters from 2026Q1 with
    /// damage 50: imports halted to 40 % in both periods of "halt" (probability 0.5). Solves in milliseconds.
    /// </summary>
    public static StockpileInstance Tiny()
    {
        var newsvendor = HandInstances.Newsvendor(damage: 50, periods: 2);
        return newsvendor with { Name = "tiny", Horizon = newsvendor.Horizon with { Start = "2026Q1" } };
    }

    /// <summary>Solves in about a second.</summary>
    public static StockpileInstance Medium() => InstanceGenerator.Generate(new GeneratorSpec());

    /// <summary>Runs for several seconds: long enough to cancel, time out or stop the host mid-solve.</summary>
    public static StockpileInstance Large() => InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 30 });
}

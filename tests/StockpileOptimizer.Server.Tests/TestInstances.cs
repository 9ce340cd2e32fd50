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

    /// <summary>
    /// Large with three times the scenarios (134,263 variables, 101,439 rows): it cannot end on
    /// its own while a test runs. Measured on 2 busy cores: the model builds in under 1 s, and
    /// SCIP has no first incumbent after 17 s (its root LP is not done), where Large solves to
    /// optimality in about 4 s. Tests cancel it, stop its host, or give it a short time limit.
    /// </summary>
    public static StockpileInstance Huge() => InstanceGenerator.Generate(new GeneratorSpec { Materials = 6, Periods = 12, Scenarios = 90 });
}

using System.CommandLine;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>How to solve: solver, time limit, gap, threads. For analyses they apply to every solve.</summary>
internal sealed class SolverInput(bool analysis)
{
    public Option<MipSolver?> Solver { get; } = new("--solver") { Description = "MIP solver: scip (default), cbc or highs", HelpName = "scip|cbc|highs" };

    public Option<double?> TimeLimit { get; } = new("--time-limit")
    {
        Description = analysis ? "Seconds per solve (default: none)" : "Seconds (default: none); the best plan found by then is returned",
        HelpName = "SECONDS",
    };

    public Option<double?> Gap { get; } = new("--gap") { Description = "Relative optimality gap to stop at (default 1e-4)", HelpName = "FRACTION" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Solver threads per solve (default 1)", HelpName = "N" };

    /// <summary>Analyses only: solver threads the analysis may use at once.</summary>
    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Solver threads the analysis may use at once: that many single-threaded solves run side by side (default: the number of cores)",
        HelpName = "N",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public void AddTo(Command command)
    {
        command.Add(Solver);
        command.Add(TimeLimit);
        command.Add(Gap);
        command.Add(Threads);
        if (analysis)
        {
            command.Add(Parallel);
        }
    }

    /// <summary>The options on top of <paramref name="baseline"/>; bad numbers are usage errors naming the option.</summary>
    public SolveOptions Read(ParseResult parse, SolveOptions baseline)
    {
        var options = baseline;
        if (parse.GetValue(Solver) is { } solver)
        {
            options = options with { Solver = solver };
        }
        if (parse.GetValue(TimeLimit) is { } seconds)
        {
            Require(double.IsFinite(seconds) && seconds > 0, $"--time-limit {seconds}: give a number of seconds > 0");
            options = options with { TimeLimit = TimeSpan.FromSeconds(seconds) };
        }
        if (parse.GetValue(Gap) is { } gap)
        {
            Require(double.IsFinite(gap) && gap >= 0, $"--gap {gap}: give a fraction ≥ 0, e.g. 0.001");
            options = options with { RelativeGap = gap };
        }
        if (parse.GetValue(Threads) is { } threads)
        {
            Require(threads >= 1, $"--threads {threads}: give at least 1");
            options = options with { Threads = threads };
        }
        return options;
    }

    public int ReadParallel(ParseResult parse)
    {
        var parallel = parse.GetValue(Parallel);
        Require(parallel >= 1, $"--parallel {parallel}: give at least 1");
        return parallel;
    }

    private static void Require(bool ok, string problem)
    {
        if (!ok)
        {
            throw CliException.Usage(problem);
        }
    }
}

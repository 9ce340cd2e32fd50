using System.CommandLine;
using System.Globalization;
using StockpileOptimizer.Cli.Plots;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>stockpile frontier [instance] --parameter budget-scale|risk-weight (--values 0.5,1,2 | --range 0:2:5) [--plot FILE]</c>:
/// one solve per value and the non-dominated points.
/// </summary>
internal static class FrontierCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("frontier", "Sweep a budget scale or the risk weight λ and report the cost–shortage frontier");
        var instance = new InstanceInput();
        var solver = new SolverInput(analysis: true);
        var output = new OutputInput();
        var plot = new PlotInput("--plot", "Plot the frontier: every point, the non-dominated ones marked and joined");
        var parameter = new Option<string>("--parameter", "-p")
        {
            Description = "What to sweep: budget-scale (multiplies every budget) or risk-weight (λ)",
            DefaultValueFactory = _ => "budget-scale",
        };
        parameter.AcceptOnlyFromAmong("budget-scale", "risk-weight");
        var values = new Option<string[]>("--values")
        {
            Description = "The values, in sweep order: --values 0.5,1,2 or --values 0.5 1 2",
            AllowMultipleArgumentsPerToken = true,
        };
        var range = new Option<string?>("--range") { Description = "START:STOP:STEPS, both ends included, e.g. 0:2:5", HelpName = "START:STOP:STEPS" };
        var noWarmStart = new Option<bool>("--no-warm-start") { Description = "Solve the points independently (side by side within --parallel) instead of each from the previous plan" };
        instance.AddTo(command);
        solver.AddTo(command);
        output.AddTo(command);
        plot.AddTo(command);
        command.Add(parameter);
        command.Add(values);
        command.Add(range);
        command.Add(noWarmStart);
        runner.SetAction(command, async (parse, context) =>
        {
            var settings = output.Read(parse);
            var target = plot.Read(parse);
            var spec = new FrontierAnalysisSpec
            {
                Parameter = parse.GetValue(parameter) == "risk-weight" ? FrontierParameter.RiskWeight : FrontierParameter.BudgetScale,
                Values = parse.GetValue(values) is { Length: > 0 } list ? ParseValues(list) : null,
                Range = parse.GetValue(range) is { } r ? ParseRange(r) : null,
                WarmStart = !parse.GetValue(noWarmStart),
                MaxParallelism = solver.ReadParallel(parse),
            };
            var solve = solver.Read(parse, new FrontierSpec().Solve);
            StockpileApplication.Frontier(spec, solve, 1).SweptValues(); // a bad list or range is a usage error before the instance is even read
            var problem = await instance.LoadAsync(parse, context);
            var result = await context.Progress.RunAsync("frontier", sink => context.Engine.FrontierAsync(problem, spec, solve, sink, context.Cancel));
            context.Write(FrontierReport.Build(result), settings);
            if (target is not null)
            {
                context.Save(target, FrontierPlot.Build(result));
            }
            return Outcomes.OfAnalysis(result.Cancelled, result.Points.Select(p => (p.Termination, p.ObjectiveUsd is not null)).ToArray(), needsAll: false);
        });
        return command;
    }

    private static double[] ParseValues(IEnumerable<string> tokens) =>
        tokens.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Number(v, "--values"))
            .ToArray();

    private static FrontierRange ParseRange(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var steps))
        {
            throw CliException.Usage($"--range {text}: expected START:STOP:STEPS, e.g. 0:2:5 (5 values from 0 to 2)");
        }
        return new FrontierRange(Number(parts[0], "--range"), Number(parts[1], "--range"), steps);
    }

    private static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw CliException.Usage($"{option}: '{text}' is not a number");
}

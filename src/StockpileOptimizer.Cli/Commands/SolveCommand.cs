using System.CommandLine;
using StockpileOptimizer.Cli.Plots;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>stockpile solve [instance] [--set …] [--no-explain] [--plot-inventory FILE --country C --material M]</c>: the plan and why;
/// with <c>--samples N</c> (<see cref="SaaInput"/>) a plan from N sampled futures, its bounds and gap.
/// </summary>
internal static class SolveCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("solve", "Solve an instance (default: the US–Canada instance) and print the plan");
        var instance = new InstanceInput();
        var solver = new SolverInput(analysis: false);
        var explain = new ExplainInput();
        var output = new OutputInput(jsonFlag: true);
        var plot = new PlotInput("--plot-inventory", "Plot the inventory path of one country and material in every scenario");
        var country = new Option<string?>("--country") { Description = "Country of --plot-inventory (an id, e.g. US)" };
        var material = new Option<string?>("--material") { Description = "Material of --plot-inventory (an id, e.g. ndfeb-magnet)" };
        var saa = new SaaInput();
        instance.AddTo(command);
        solver.AddTo(command);
        explain.AddTo(command);
        output.AddTo(command);
        plot.AddTo(command);
        command.Add(country);
        command.Add(material);
        saa.AddTo(command);
        runner.SetAction(command, async (parse, context) =>
        {
            if (saa.Given(parse))
            {
                return await SolveSampled(parse, context, instance, solver, output, plot, saa);
            }
            saa.RequireNone(parse);
            var settings = output.Read(parse);
            var why = explain.Read(parse);
            var target = plot.Read(parse);
            var problem = await instance.LoadAsync(parse, context);
            var (plotCountry, plotMaterial) = target is null ? ("", "") : InventoryPlot.Pick(problem, parse.GetValue(country), parse.GetValue(material));
            var options = solver.Read(parse, new SolveOptions { Explain = why });
            var result = await context.Progress.RunAsync("solve", sink => context.Engine.SolveAsync(problem, options, sink, context.Cancel));
            context.Write(SolveReport.Build(problem, result), settings);
            if (target is not null)
            {
                if (result.Policy is null)
                {
                    context.Note($"no plot: the solve has no plan ({result.Solver.Termination})");
                }
                else
                {
                    context.Save(target, InventoryPlot.Build(problem, result, plotCountry, plotMaterial));
                }
            }
            return Outcomes.OfSolve(result);
        });
        return command;
    }

    /// <summary>A plan from sampled futures: one SAA run (one job with --server), printed with its method, bounds and gap.</summary>
    private static async Task<int> SolveSampled(
        ParseResult parse, CommandContext context, InstanceInput instance, SolverInput solver, OutputInput output, PlotInput plot, SaaInput saa)
    {
        var settings = output.Read(parse);
        if (plot.Read(parse) is not null)
        {
            throw CliException.Usage("--plot-inventory: not with --samples (a plan from sampled futures has no scenario paths to plot)");
        }
        var problem = await instance.LoadAsync(parse, context);
        var solve = solver.Read(parse, new SolveOptions());
        var (spec, source) = saa.Read(parse, problem, context, parse.GetValue(solver.Gap), parse.GetValue(solver.Threads));
        var result = await context.Progress.RunAsync("solve", sink => context.Engine.SaaAsync(problem, spec, solve, sink, context.Cancel));
        context.Write(SaaReport.Build(problem, source, result), settings);
        return Outcomes.OfSaa(result);
    }
}

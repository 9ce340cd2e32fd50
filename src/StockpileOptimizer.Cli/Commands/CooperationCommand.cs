using System.CommandLine;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>stockpile cooperation [instance]</c>: what cooperating saves, by component, and each country's Shapley share.</summary>
internal static class CooperationCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("cooperation", "Solve every coalition of countries: the saving of cooperation, by cost component, and its fair (Shapley) split");
        var instance = new InstanceInput();
        var solver = new SolverInput(analysis: true);
        var output = new OutputInput();
        var maxCountries = new Option<int?>("--max-countries")
        {
            Description = "Refuse instances with more countries (2^N − 1 solves; default 6, at most 20)",
            HelpName = "N",
        };
        instance.AddTo(command);
        solver.AddTo(command);
        output.AddTo(command);
        command.Add(maxCountries);
        runner.SetAction(command, async (parse, context) =>
        {
            var settings = output.Read(parse);
            var problem = await instance.LoadAsync(parse, context);
            var spec = new CooperationAnalysisSpec { MaxParallelism = solver.ReadParallel(parse) };
            var solve = solver.Read(parse, new CooperationOptions().Solve);
            if (parse.GetValue(maxCountries) is { } max)
            {
                spec = spec with { MaxCountries = max };
            }
            var result = await context.Progress.RunAsync("cooperation", sink => context.Engine.CooperationAsync(problem, spec, solve, sink, context.Cancel));
            context.Write(CooperationReport.Build(result), settings);
            return Outcomes.OfAnalysis(result.Cancelled, result.Coalitions.Select(c => (c.Termination, c.CostUsd is not null)).ToArray(), needsAll: true);
        });
        return command;
    }
}

using System.CommandLine;
using StockpileOptimizer.Cli.Input;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Plots;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>stockpile evaluate [instance] [--policy result.json] [--samples N --seed S [--distribution FILE] | --scenarios FILE] [--vss] [--evpi] [--plot FILE]</c>:
/// a fixed plan on futures it was not fitted to.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("evaluate", "Evaluate a plan out of sample: fix it, sample fresh scenarios, and report the distribution of cost and shortage");
        var instance = new InstanceInput();
        var solver = new SolverInput(analysis: true);
        var output = new OutputInput();
        var plot = new PlotInput("--plot", "Plot the distribution of out-of-sample cost");
        var policy = new Option<string?>("--policy") { Description = "The plan to evaluate: a result JSON (solve --format json) or a policy JSON. Default: solve the instance first", HelpName = "FILE" };
        var sampling = new SamplingInput(defaultCount: 100);
        var scenarios = new Option<string?>("--scenarios") { Description = "Evaluate on these scenarios (a JSON list, or a file with a \"scenarios\" list) instead of sampling", HelpName = "FILE" };
        var vss = new Option<bool>("--vss") { Description = "Also the value of the stochastic solution on the instance's own scenarios (3 solves)" };
        var evpi = new Option<bool>("--evpi") { Description = "Also the expected value of perfect information on the instance's own scenarios (1 + S solves)" };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the intervals", DefaultValueFactory = _ => 0.95 };
        instance.AddTo(command);
        solver.AddTo(command);
        output.AddTo(command);
        plot.AddTo(command);
        command.Add(policy);
        sampling.AddTo(command);
        command.Add(scenarios);
        command.Add(vss);
        command.Add(evpi);
        command.Add(confidence);
        runner.SetAction(command, async (parse, context) =>
        {
            var settings = output.Read(parse);
            var target = plot.Read(parse);
            var level = parse.GetValue(confidence);
            if (!(level is > 0 and < 1))
            {
                throw CliException.Usage($"--confidence {level}: give a level in (0, 1), e.g. 0.95");
            }
            var problem = await instance.LoadAsync(parse, context);
            var options = new EvaluationOptions { MaxParallelism = solver.ReadParallel(parse), ConfidenceLevel = level };
            options = options with { Solve = solver.Read(parse, options.Solve) };

            var (samples, sampleSource) = parse.GetValue(scenarios) is { } file
                ? (SideFiles.Scenarios(file, context.Io), file)
                : await sampling.SampleAsync(parse, problem, context);
            var (plan, planSource, code) = parse.GetValue(policy) is { } path
                ? (SideFiles.Policy(path, context.Io), path, ExitCodes.Ok)
                : await SolveForPolicy(problem, options.Solve, context);
            if (plan is null)
            {
                return code;
            }
            var result = await context.Progress.RunAsync("evaluate", sink => context.Engine.EvaluateAsync(problem, plan, samples, options, sink, context.Cancel));
            var vssResult = parse.GetValue(vss)
                ? await context.Progress.RunAsync("vss", sink => context.Engine.ValueOfStochasticSolutionAsync(problem, options, sink, context.Cancel))
                : null;
            var evpiResult = parse.GetValue(evpi)
                ? await context.Progress.RunAsync("evpi", sink => context.Engine.ExpectedValueOfPerfectInformationAsync(problem, options, sink, context.Cancel))
                : null;
            var document = new EvaluationReport.Document(planSource, plan, sampleSource, result, vssResult, evpiResult);
            context.Write(EvaluationReport.Build(document), settings);
            if (target is not null)
            {
                if (result.Cost is null)
                {
                    context.Note("no plot: no sample has a feasible recourse");
                }
                else
                {
                    context.Save(target, CostDistributionPlot.Build(result));
                }
            }
            var cancelled = result.Cancelled || vssResult?.Cancelled == true || evpiResult?.Cancelled == true;
            return cancelled ? ExitCodes.NoPlan : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The plan of a solve of the same instance; without one, the solve's exit code and why on stderr.</summary>
    private static async Task<(Policy? Plan, string Source, int Code)> SolveForPolicy(StockpileInstance problem, SolveOptions solve, CommandContext context)
    {
        var result = await context.Progress.RunAsync("solve", sink => context.Engine.SolveAsync(problem, solve with { DiagnoseInfeasibility = false }, sink, context.Cancel));
        if (result.Policy is null || result.Solver.Termination is Termination.Cancelled)
        {
            context.Io.Error.WriteLine($"error: no plan to evaluate: the solve of {problem.Name} ended {result.Solver.Termination}"
                + (result.Solver.Message.Length > 0 ? $" ({result.Solver.Message})" : "")
                + (result.Solver.Termination == Termination.Infeasible ? "; run solve for the diagnosis" : ""));
            var code = Outcomes.OfSolve(result);
            return (null, "", code == ExitCodes.Ok ? ExitCodes.NoPlan : code);
        }
        return (result.Policy, $"solve of {problem.Name} ({result.Solver.Termination}, objective {Cells.Usd(result.Solver.Objective)})", ExitCodes.Ok);
    }
}

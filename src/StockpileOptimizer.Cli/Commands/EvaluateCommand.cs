using System.CommandLine;
using StockpileOptimizer.Cli.Input;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Plots;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Model.Application;

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
            var solve = solver.Read(parse, new EvaluationOptions().Solve);
            var spec = new EvaluationAnalysisSpec
            {
                Policy = parse.GetValue(policy) is { } path ? SideFiles.Policy(path, context.Io) : null,
                Vss = parse.GetValue(vss),
                Evpi = parse.GetValue(evpi),
                ConfidenceLevel = level,
                MaxParallelism = solver.ReadParallel(parse),
            };
            string sampleSource;
            if (parse.GetValue(scenarios) is { } file)
            {
                spec = spec with { Scenarios = SideFiles.Scenarios(file, context.Io) };
                sampleSource = file;
            }
            else
            {
                var (count, seed, distribution, source) = sampling.Read(parse, problem, context);
                spec = spec with { Samples = count, Seed = seed, Distribution = distribution };
                sampleSource = source;
            }

            EvaluationAnalysisResult evaluation;
            try
            {
                evaluation = await context.Progress.RunAsync("evaluate", sink => context.Engine.EvaluateAsync(problem, spec, solve, sink, context.Cancel));
            }
            catch (AnalysisFailedException e)
            {
                context.Io.Error.WriteLine($"error: {e.Message}");
                return e.Termination switch
                {
                    Termination.Infeasible => ExitCodes.Infeasible,
                    Termination.Error => ExitCodes.Unexpected,
                    _ => ExitCodes.NoPlan,
                };
            }
            if (evaluation.OutOfSample is not { } result || evaluation.Policy is not { } plan)
            {
                context.Io.Error.WriteLine($"error: no plan to evaluate: {evaluation.Summary}");
                return ExitCodes.NoPlan;
            }
            var (vssResult, evpiResult) = (evaluation.Vss, evaluation.Evpi);
            var planSource = parse.GetValue(policy) ?? evaluation.PolicySource;
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
            var cancelled = evaluation.Cancelled;
            return cancelled ? ExitCodes.NoPlan : ExitCodes.Ok;
        });
        return command;
    }
}

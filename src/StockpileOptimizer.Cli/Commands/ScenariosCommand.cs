using System.CommandLine;
using System.Text.Json;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>stockpile scenarios [instance] --samples N --seed S [--distribution FILE] [--reduce K] [--output FILE [--as instance|scenarios]]</c>:
/// sample disruption scenarios, optionally reduce them to K representatives, and write them
/// as a new instance to solve or as a scenario list for <c>evaluate --scenarios</c>.
/// </summary>
internal static class ScenariosCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("scenarios", "Sample disruption scenarios (seeded), optionally reduce them, and write an instance or a scenario list");
        var instance = new InstanceInput();
        var output = new OutputInput();
        var sampling = new SamplingInput(defaultCount: 100);
        var reduce = new Option<int?>("--reduce") { Description = "Keep K representatives (fast forward selection) with reassigned probabilities", HelpName = "K" };
        var file = new Option<string?>("--output", "-o") { Description = "Write the result to this file (see --as)", HelpName = "FILE" };
        var asWhat = new Option<string>("--as")
        {
            Description = "What --output holds: instance (the instance with its scenarios replaced, ready to solve) or scenarios (a JSON list)",
            DefaultValueFactory = _ => "instance",
        };
        asWhat.AcceptOnlyFromAmong("instance", "scenarios");
        instance.AddTo(command);
        output.AddTo(command);
        sampling.AddTo(command);
        command.Add(reduce);
        command.Add(file);
        command.Add(asWhat);
        runner.SetAction(command, async (parse, context) =>
        {
            var settings = output.Read(parse);
            var keep = parse.GetValue(reduce);
            if (keep is < 1)
            {
                throw CliException.Usage($"--reduce {keep}: keep at least 1 scenario");
            }
            var problem = await instance.LoadAsync(parse, context);
            var (count, seed, distribution, source) = sampling.Read(parse, problem, context);
            var spec = new ScenarioGenerationSpec { Count = count, Seed = seed, Distribution = distribution, ReduceTo = keep };
            var generated = await context.Engine.GenerateScenariosAsync(problem, spec, context.Cancel);
            var (reduction, scenarios) = (generated.Reduction, generated.Scenarios);
            var document = new ScenariosReport.Document(source, seed, generated.Sampled.Count, reduction is null ? null : scenarios.Count,
                reduction?.Distance, reduction?.Kept, scenarios);
            context.Write(ScenariosReport.Build(document), settings);
            if (parse.GetValue(file) is { } path)
            {
                var text = parse.GetValue(asWhat) == "scenarios"
                    ? JsonSerializer.Serialize(scenarios, InstanceJson.Options)
                    : InstanceJson.Write(ScenarioGenerator.WithScenarios(problem, scenarios) with { Name = $"{problem.Name} — {scenarios.Count} sampled scenarios" });
                File.WriteAllText(path, text + "\n");
                context.Note($"wrote {path}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

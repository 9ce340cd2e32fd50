using System.CommandLine;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>stockpile validate [instance] [--set …]</c>: every problem with its field path, without solving.</summary>
internal static class ValidateCommand
{
    /// <summary>The JSON document of <c>validate --format json</c>.</summary>
    public sealed record Validation(bool Valid, string Instance, IReadOnlyList<Violation> Violations);

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("validate", "Check an instance against every validation rule; each problem is printed with its field path");
        var instance = new InstanceInput();
        var output = new OutputInput();
        instance.AddTo(command);
        output.AddTo(command);
        runner.SetAction(command, async (parse, context) =>
        {
            var settings = output.Read(parse);
            var problem = await instance.LoadAsync(parse, context);
            var violations = await context.Engine.ValidateAsync(problem, context.Cancel);
            var report = new Report("validate", new Validation(violations.Count == 0, problem.Name, violations)) { Primary = "violations" };
            report.Line(violations.Count == 0
                ? $"valid: {problem.Name} — {Count(problem.Countries.Count, "country", "countries")}, {Count(problem.Materials.Count, "material")}, "
                  + $"{Count(problem.Scenarios.Count, "scenario")}, {Count(problem.Horizon.Periods, "period")}"
                : $"invalid: {problem.Name} — {Count(violations.Count, "problem")} (listed on stderr)");
            report.Table("violations", "Violations", new("path"), new("message")).AddRange(violations, v => [v.Path, v.Message]);
            if (settings.Format == OutputFormat.Table)
            {
                // For people the verdict is enough here: the violations themselves go to stderr.
                context.Io.Out.WriteLine(report.Lines[0]);
                if (settings.Out is { } directory)
                {
                    ReportWriter.WriteFiles(report, settings.Format, directory, context.Io);
                }
            }
            else
            {
                context.Write(report, settings);
            }
            if (violations.Count == 0)
            {
                return ExitCodes.Ok;
            }
            throw new InvalidInstanceException(violations);
        });
        return command;
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

using System.CommandLine;
using System.Text.Json;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>stockpile default [FILE] [--distribution] [--plain] [--force]</c>: the default instance (with its source comments, or as plain JSON) or scenario distribution, to edit.</summary>
internal static class DefaultCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("default", "Write the default US–Canada instance (JSON with a source comment on every number) to a file to edit, or to stdout");
        var file = new Argument<string?>("file") { Description = "Where to write it (default: stdout)", Arity = ArgumentArity.ZeroOrOne };
        var distribution = new Option<bool>("--distribution") { Description = "Write the default scenario distribution instead (for scenarios/evaluate --distribution)" };
        var plain = new Option<bool>("--plain") { Description = "Plain JSON without the source comments (strict JSON for other tools; schema/instance.schema.json describes it)" };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists" };
        command.Add(file);
        command.Add(distribution);
        command.Add(plain);
        command.Add(force);
        runner.SetAction(command, async (parse, context) =>
        {
            var text = parse.GetValue(distribution)
                ? JsonSerializer.Serialize(ScenarioDistribution.Default, InstanceJson.Options)
                : await context.Engine.DefaultInstanceJsonAsync(context.Cancel);
            if (parse.GetValue(plain) && !parse.GetValue(distribution))
            {
                // The same instance (same fingerprint), written by the instance writer: no comments.
                text = InstanceJson.Write(InstanceJson.Parse(text));
            }
            if (parse.GetValue(file) is not { } path || path == "-")
            {
                context.Io.Out.Write(text.EndsWith('\n') ? text : text + "\n");
                return ExitCodes.Ok;
            }
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw CliException.Usage($"{path} exists; pass --force to overwrite it");
            }
            await File.WriteAllTextAsync(path, text.EndsWith('\n') ? text : text + "\n", context.Cancel);
            context.Note($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

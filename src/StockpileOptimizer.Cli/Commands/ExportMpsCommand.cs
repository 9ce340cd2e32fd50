using System.CommandLine;

namespace StockpileOptimizer.Cli.Commands;

/// <summary><c>stockpile export-mps [instance] OUT.mps</c>: the built model, names kept, for solver-alone runs.</summary>
internal static class ExportMpsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("export-mps", "Write the built model in free MPS format (variable and row names kept; money in solver units)");
        var instance = new InstanceInput();
        // [instance] OUT: with one path it is the output and the default instance is exported.
        var files = new Argument<string[]>("files")
        {
            Description = "[instance.json] OUT.mps — the output file (- for stdout), after the instance if one is given",
            Arity = new ArgumentArity(1, 2),
        };
        files.Validators.Add(InstanceInput.NoOptions);
        command.Add(files);
        command.Add(instance.Set);
        command.Add(instance.Mode);
        runner.SetAction(command, async (parse, context) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var (source, output) = paths.Length == 2 ? (paths[0], paths[1]) : ((string?)null, paths[0]);
            var problem = await Input.InstanceLoader.LoadAsync(source, parse.GetValue(instance.Set) ?? [], parse.GetValue(instance.Mode), context.Engine, context.Io, context.Cancel);
            var mps = await context.Engine.ExportMpsAsync(problem, context.Cancel);
            var scale = await context.Engine.MoneyScaleAsync(problem, context.Cancel);
            var note = $"money in solver units: USD × {scale:G3}";
            if (output == "-")
            {
                await context.Io.Out.WriteAsync(mps);
                context.Note(note);
            }
            else
            {
                await File.WriteAllTextAsync(output, mps, context.Cancel);
                context.Io.Out.WriteLine($"wrote {output} ({note})");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

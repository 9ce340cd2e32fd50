using System.Text.Json;
using StockpileOptimizer.Cli.Engine;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Input;

/// <summary>
/// The instance a command works on: a JSON file (or "-" for stdin), or the engine's default
/// US–Canada instance when no file is given; then the <c>--set</c> overrides, then
/// <c>--mode</c>. Validation is the engine's (every command validates before it solves).
/// </summary>
internal static class InstanceLoader
{
    public const string DefaultSource = "the default instance";

    public static async Task<StockpileInstance> LoadAsync(
        string? path, IReadOnlyList<string> sets, CooperationMode? mode, IEngine engine, CliIo io, CancellationToken cancel)
    {
        var source = path ?? DefaultSource;
        var json = path is null ? await engine.DefaultInstanceJsonAsync(cancel) : InputFiles.ReadText(path, io, "instance");
        var instance = InputFiles.Deserialize<StockpileInstance>(source, json);
        if (sets.Count > 0)
        {
            // Overrides act on the tree of the whole instance, so a field the file leaves at its
            // default (and so omits) can be set like any other.
            var tree = JsonSerializer.SerializeToNode(instance, InstanceJson.Options)!;
            JsonOverrides.Apply(tree, sets);
            instance = InputFiles.Deserialize<StockpileInstance>($"{source} with --set", tree);
        }
        if (mode is { } m)
        {
            instance = instance with { Policy = instance.Policy with { Mode = m } };
        }
        return instance;
    }
}

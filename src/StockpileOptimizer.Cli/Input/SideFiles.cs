using System.Text.Json.Nodes;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Input;

/// <summary>The other JSON files commands read: a policy, a list of scenarios, a scenario distribution.</summary>
internal static class SideFiles
{
    /// <summary>
    /// A policy: a solve result (its "policy" field, e.g. from <c>solve --format json</c>) or a
    /// bare policy object.
    /// </summary>
    public static Policy Policy(string path, CliIo io)
    {
        var tree = InputFiles.ParseTree(path, InputFiles.ReadText(path, io, "policy"));
        if (tree is JsonObject o && o.ContainsKey("policy"))
        {
            return o["policy"] is null
                ? throw CliException.Input($"{path}: field policy is null: the result it holds has no plan (see its solver.termination)")
                : InputFiles.Deserialize<Policy>(path, o["policy"]);
        }
        return InputFiles.Deserialize<Policy>(path, tree);
    }

    /// <summary>Scenarios: a JSON list of them, or any object with a "scenarios" list (an instance file, the output of <c>scenarios --format json</c>).</summary>
    public static IReadOnlyList<Scenario> Scenarios(string path, CliIo io)
    {
        var tree = InputFiles.ParseTree(path, InputFiles.ReadText(path, io, "scenarios"));
        var list = tree is JsonObject o ? o["scenarios"] : tree;
        if (list is not JsonArray)
        {
            throw CliException.Input($"{path}: expected a list of scenarios, or an object with a \"scenarios\" list");
        }
        return InputFiles.Deserialize<Scenario[]>(path, list);
    }

    /// <summary>A scenario distribution (fields it omits keep their defaults), checked against the instance.</summary>
    public static ScenarioDistribution Distribution(string? path, StockpileInstance instance, CliIo io)
    {
        var distribution = path is null
            ? ScenarioDistribution.Default
            : InputFiles.Deserialize<ScenarioDistribution>(path, InputFiles.ReadText(path, io, "distribution"));
        var problems = distribution.Validate(instance);
        if (problems.Count > 0)
        {
            throw CliException.Input(problems.Select(p => $"{path ?? "the default distribution"}: {p}").ToArray());
        }
        return distribution;
    }
}

using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Model.Solving;

namespace StockpileOptimizer.Cli;

/// <summary>
/// The minimal planner CLI: `stockpile solve [instance.json] [--mode joint|independent]
/// [--solver scip|cbc|highs] [--time-limit SECONDS] [--gap FRACTION] [--json]`, and
/// `stockpile export-mps [instance.json] OUT.mps`.
/// </summary>
internal static class SolveCommand
{
    public const int Solved = 0;
    public const int Usage = 2;
    public const int InvalidInput = 3;
    public const int Infeasible = 4;
    public const int NoPlan = 5;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is not ("solve" or "export-mps"))
        {
            stderr.WriteLine("usage: stockpile solve [instance.json] [--mode joint|independent] [--solver scip|cbc|highs] [--time-limit SECONDS] [--gap FRACTION] [--json]");
            stderr.WriteLine("       stockpile export-mps [instance.json] OUT.mps");
            return Usage;
        }
        try
        {
            var (instance, options, json, rest) = Parse(args.Skip(1).ToArray());
            if (args[0] == "export-mps")
            {
                if (rest.Count != 1)
                {
                    stderr.WriteLine("export-mps needs the output path");
                    return Usage;
                }
                File.WriteAllText(rest[0], StockpileSolver.ExportMps(instance));
                stdout.WriteLine($"wrote {rest[0]} (money in solver units: USD × {StockpileSolver.MoneyScale(instance):G3})");
                return Solved;
            }
            var result = StockpileSolver.Solve(instance, options);
            if (json)
            {
                stdout.WriteLine(InstanceJson.WriteResult(result));
            }
            else
            {
                PlanPrinter.Print(instance, result, stdout);
            }
            return result.Solver.Termination switch
            {
                Termination.Optimal or Termination.Feasible => Solved,
                Termination.Infeasible => Infeasible,
                _ => result.Policy is null ? NoPlan : Solved,
            };
        }
        catch (InvalidInstanceException e)
        {
            foreach (var v in e.Violations)
            {
                stderr.WriteLine($"invalid input: {v.Path}: {v.Message}");
            }
            return InvalidInput;
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException or FormatException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e is ArgumentException ? Usage : InvalidInput;
        }
    }

    private static (StockpileInstance Instance, SolveOptions Options, bool Json, List<string> Positional) Parse(string[] args)
    {
        StockpileInstance? instance = null;
        var options = new SolveOptions();
        CooperationMode? mode = null;
        var json = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--mode":
                    mode = Enum.Parse<CooperationMode>(Next(), ignoreCase: true);
                    break;
                case "--solver":
                    options = options with { Solver = Enum.Parse<MipSolver>(Next(), ignoreCase: true) };
                    break;
                case "--time-limit":
                    options = options with { TimeLimit = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--gap":
                    options = options with { RelativeGap = double.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--json":
                    json = true;
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option {flag}");
                case var path when instance is null && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase):
                    instance = InstanceJson.Load(path);
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        instance ??= InstanceJson.Default();
        if (mode is { } m)
        {
            instance = instance with { Policy = instance.Policy with { Mode = m } };
        }
        return (instance, options, json, rest);
    }
}

using System.CommandLine;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Application;

namespace StockpileOptimizer.Cli.Commands;

/// <summary>
/// <c>solve --samples N --seed S [--method auto|benders|extensive] [--cut-groups K] [--max-iterations I]
/// [--replications M --evaluate N′] [--distribution FILE]</c>: a plan from N sampled futures
/// (sample-average approximation, docs/sampling.md) instead of the instance's own scenarios.
/// Without <c>--samples</c> the other options are usage errors and <c>solve</c> is unchanged.
/// </summary>
internal sealed class SaaInput
{
    public SamplingInput Sampling { get; } = new(SaaAnalysisSpec.DefaultSamples);

    public Option<SaaMethod> Method { get; } = new("--method")
    {
        Description = "With --samples: benders (decomposition), extensive (one MIP), or auto (the extensive form while it is small; default)",
        HelpName = "auto|benders|extensive",
        DefaultValueFactory = _ => SaaMethod.Auto,
    };

    public Option<int?> CutGroups { get; } = new("--cut-groups")
    {
        Description = "With --samples: Benders cuts per iteration, 1 (aggregated) to N (one per sample); default min(N, 64)", HelpName = "K",
    };

    public Option<int?> MaxIterations { get; } = new("--max-iterations")
    {
        Description = $"With --samples: Benders iterations at most (default {SaaAnalysisSpec.DefaultMaxIterations})", HelpName = "I",
    };

    public Option<int?> Replications { get; } = new("--replications")
    {
        Description = "With --samples: M ≥ 2 independent replications for the statistical optimality gap (needs --evaluate)", HelpName = "M",
    };

    public Option<int?> Evaluate { get; } = new("--evaluate")
    {
        Description = "With --replications: N′ fresh samples the plan is evaluated on for the statistical upper bound", HelpName = "N'",
    };

    public void AddTo(Command command)
    {
        Sampling.AddTo(command);
        command.Add(Method);
        command.Add(CutGroups);
        command.Add(MaxIterations);
        command.Add(Replications);
        command.Add(Evaluate);
    }

    /// <summary>True when the command line asks for a plan from sampled futures.</summary>
    public bool Given(ParseResult parse) => parse.GetResult(Sampling.Count) is { Implicit: false };

    /// <summary>Usage error when an SAA option is given without --samples.</summary>
    public void RequireNone(ParseResult parse)
    {
        Option[] only = [Sampling.Seed, Sampling.Distribution, Method, CutGroups, MaxIterations, Replications, Evaluate];
        if (only.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray)
        {
            throw CliException.Usage($"{stray.Name}: only with --samples N (a plan from sampled futures)");
        }
    }

    /// <summary>
    /// The spec and how the report names its futures. <paramref name="gap"/> (--gap) is where
    /// the decomposition stops; <paramref name="threads"/> (--threads) the solves run side by
    /// side (default: the number of cores). Bad values are usage errors naming the option.
    /// </summary>
    public (SaaAnalysisSpec Spec, string Source) Read(ParseResult parse, StockpileInstance instance, CommandContext context, double? gap, int? threads)
    {
        var (count, seed, distribution, source) = Sampling.Read(parse, instance, context);
        var spec = new SaaAnalysisSpec
        {
            Samples = count,
            Seed = seed,
            Distribution = distribution,
            Method = parse.GetValue(Method),
            Gap = gap ?? SaaAnalysisSpec.DefaultGap,
            MaxIterations = parse.GetValue(MaxIterations) ?? SaaAnalysisSpec.DefaultMaxIterations,
            CutGroups = parse.GetValue(CutGroups),
            Replications = parse.GetValue(Replications) ?? 0,
            EvaluationSamples = parse.GetValue(Evaluate) ?? 0,
            MaxParallelism = threads ?? Environment.ProcessorCount,
        };
        // The engine's own rules on the spec, worded for the command line.
        var problems = WorkChecks.Check(spec, null);
        if (problems.Count > 0)
        {
            throw CliException.Usage(string.Join("; ", problems.Select(p => Paths.Aggregate(p.Message, (m, o) => m.Replace(o.Path, o.Option, StringComparison.Ordinal)))));
        }
        return (spec, source);
    }

    /// <summary>The spec's paths in WorkChecks' messages and the options that set them.</summary>
    private static readonly (string Path, string Option)[] Paths =
    [
        ("spec.samples", "--samples"), ("spec.gap", "--gap"), ("spec.maxIterations", "--max-iterations"), ("spec.cutGroups", "--cut-groups"),
        ("spec.replications", "--replications"), ("spec.evaluationSamples", "--evaluate"), ("spec.maxParallelism", "--threads"),
    ];
}

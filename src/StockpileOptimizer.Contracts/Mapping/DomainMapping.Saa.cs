using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

// Sample-average approximation (analyses.proto: SaaSpec, SaaResult) ⇄ the domain's SaaAnalysisSpec
// and SaaResult. Proto → domain reports only what the record cannot hold (an unknown method);
// the rules on the values are WorkChecks'. Amounts that are not finite travel as unset wrappers
// and come back as NaN.
public static partial class DomainMapping
{
    public static V1.SaaMethod ToProto(SaaMethod method) => method switch
    {
        SaaMethod.Benders => V1.SaaMethod.Benders,
        SaaMethod.Extensive => V1.SaaMethod.Extensive,
        _ => V1.SaaMethod.Unspecified,
    };

    /// <summary>Null for a number this version does not know; UNSPECIFIED is automatic.</summary>
    public static SaaMethod? ToDomain(V1.SaaMethod method) => method switch
    {
        V1.SaaMethod.Unspecified => SaaMethod.Auto,
        V1.SaaMethod.Benders => SaaMethod.Benders,
        V1.SaaMethod.Extensive => SaaMethod.Extensive,
        _ => null,
    };

    /// <summary>An SAA spec with every field set, so that the server's defaults never fill in for it.</summary>
    public static V1.SaaSpec ToProto(SaaAnalysisSpec spec)
    {
        var proto = new V1.SaaSpec
        {
            Samples = spec.Samples,
            Seed = spec.Seed,
            Distribution = spec.Distribution is { } distribution ? ToProto(distribution) : null,
            Method = ToProto(spec.Method),
            Gap = spec.Gap,
            MaxIterations = spec.MaxIterations,
            CutGroups = spec.CutGroups,
            Replications = spec.Replications,
            EvaluationSamples = spec.EvaluationSamples,
            ConfidenceLevel = spec.ConfidenceLevel,
            MaxParallelism = spec.MaxParallelism,
        };
        proto.Scenarios.Add((spec.Scenarios ?? []).Select(ToProto));
        return proto;
    }

    /// <summary>An SAA spec (none: every default); an unknown method is reported at spec.method.</summary>
    public static SaaAnalysisSpec ToDomain(V1.SaaSpec? proto, ICollection<Violation> problems)
    {
        proto ??= new V1.SaaSpec();
        var method = ToDomain(proto.Method);
        if (method is null)
        {
            problems.Add(FieldProblems.UnknownEnum("spec.method", (int)proto.Method,
                "SAA_METHOD_UNSPECIFIED (automatic), SAA_METHOD_BENDERS or SAA_METHOD_EXTENSIVE"));
        }
        var defaults = new SaaAnalysisSpec();
        return new SaaAnalysisSpec
        {
            Samples = proto.Samples == 0 ? SaaAnalysisSpec.DefaultSamples : proto.Samples,
            Seed = proto.Seed,
            Distribution = proto.Scenarios.Count == 0 && proto.Distribution is { } distribution ? ToDomain(distribution) : null,
            Scenarios = proto.Scenarios.Count > 0 ? [.. proto.Scenarios.Select(ToDomain)] : null,
            Method = method ?? SaaMethod.Auto,
            Gap = proto.Gap ?? SaaAnalysisSpec.DefaultGap,
            MaxIterations = proto.MaxIterations ?? SaaAnalysisSpec.DefaultMaxIterations,
            CutGroups = proto.CutGroups,
            Replications = proto.Replications,
            EvaluationSamples = proto.EvaluationSamples,
            ConfidenceLevel = proto.ConfidenceLevel ?? defaults.ConfidenceLevel,
            MaxParallelism = proto.MaxParallelism,
        };
    }

    public static V1.SaaResult ToProto(SaaResult r)
    {
        var proto = new V1.SaaResult
        {
            Policy = r.Policy is { } policy ? ToProto(policy) : null,
            Method = r.Method,
            MethodReason = r.MethodReason,
            Samples = r.Samples,
            Seed = r.Seed,
            Termination = ToProto(r.Termination),
            ObjectiveUsd = Finite(r.ObjectiveUsd),
            BoundUsd = Finite(r.BoundUsd),
            Gap = Finite(r.Gap),
            CutGroups = r.CutGroups,
            WallSeconds = r.WallSeconds,
            Statistical = r.Statistical is { } statistical ? ToProto(statistical) : null,
            Cancelled = r.Cancelled,
            Message = r.Message,
        };
        proto.Iterations.Add(r.Iterations.Select(i => new V1.DecompositionIteration
        {
            Iteration = i.Iteration,
            Phase = i.Phase,
            LowerBoundUsd = Finite(i.LowerBoundUsd),
            UpperBoundUsd = Finite(i.UpperBoundUsd),
            Gap = Finite(i.Gap),
            Cuts = i.Cuts,
            Seconds = i.Seconds,
        }));
        return proto;
    }

    public static SaaResult ToDomain(V1.SaaResult r) => new()
    {
        Policy = r.Policy is { } policy ? ToDomain(policy) : null,
        Method = r.Method,
        MethodReason = r.MethodReason,
        Samples = r.Samples,
        Seed = r.Seed,
        Termination = ToDomain(r.Termination),
        ObjectiveUsd = r.ObjectiveUsd ?? double.NaN,
        BoundUsd = r.BoundUsd ?? double.NaN,
        Gap = r.Gap ?? double.NaN,
        Iterations = r.Iterations.Select(i => new DecompositionIteration(
            i.Iteration, i.Phase, i.LowerBoundUsd ?? double.NaN, i.UpperBoundUsd ?? double.NaN, i.Gap ?? double.NaN, i.Cuts, i.Seconds)).ToArray(),
        CutGroups = r.CutGroups,
        WallSeconds = r.WallSeconds,
        Statistical = r.Statistical is { } statistical ? ToDomain(statistical) : null,
        Cancelled = r.Cancelled,
        Message = r.Message,
    };

    private static V1.StatisticalGap ToProto(StatisticalGap g)
    {
        var proto = new V1.StatisticalGap
        {
            Replications = g.Replications,
            SamplesPerReplication = g.SamplesPerReplication,
            EvaluationSamples = g.EvaluationSamples,
            ConfidenceLevel = g.ConfidenceLevel,
            LowerBoundUsd = Finite(g.LowerBoundUsd),
            LowerBoundCiUsd = Finite(g.LowerBoundCiUsd),
            UpperBoundUsd = Finite(g.UpperBoundUsd),
            UpperBoundCiUsd = Finite(g.UpperBoundCiUsd),
            GapUsd = Finite(g.GapUsd),
            GapCiUsd = Finite(g.GapCiUsd),
            PairedGapUsd = Finite(g.PairedGapUsd),
            PairedGapCiUsd = Finite(g.PairedGapCiUsd),
            InfeasibleEvaluationSamples = g.InfeasibleEvaluationSamples,
            InfeasiblePairedSamples = g.InfeasiblePairedSamples,
            Message = g.Message,
        };
        proto.ReplicationObjectivesUsd.Add(g.ReplicationObjectivesUsd);
        proto.Stockpiles.Add(g.Stockpiles.Select(s => new V1.StockpileSpread
        {
            Country = s.Country, Material = s.Material, Mean = s.Mean, StandardDeviation = s.StandardDeviation, Min = s.Min, Max = s.Max,
        }));
        proto.Choices.Add(g.Choices.Select(c => new V1.ChoiceShare { Kind = c.Kind, Country = c.Country, Material = c.Material, Item = c.Item, Share = c.Share }));
        return proto;
    }

    private static StatisticalGap ToDomain(V1.StatisticalGap g) => new()
    {
        Replications = g.Replications,
        SamplesPerReplication = g.SamplesPerReplication,
        EvaluationSamples = g.EvaluationSamples,
        ConfidenceLevel = g.ConfidenceLevel,
        LowerBoundUsd = g.LowerBoundUsd ?? double.NaN,
        LowerBoundCiUsd = g.LowerBoundCiUsd ?? double.NaN,
        UpperBoundUsd = g.UpperBoundUsd ?? double.NaN,
        UpperBoundCiUsd = g.UpperBoundCiUsd ?? double.NaN,
        GapUsd = g.GapUsd ?? double.NaN,
        GapCiUsd = g.GapCiUsd ?? double.NaN,
        PairedGapUsd = g.PairedGapUsd ?? double.NaN,
        PairedGapCiUsd = g.PairedGapCiUsd ?? double.NaN,
        ReplicationObjectivesUsd = g.ReplicationObjectivesUsd.ToArray(),
        InfeasibleEvaluationSamples = g.InfeasibleEvaluationSamples,
        InfeasiblePairedSamples = g.InfeasiblePairedSamples,
        Message = g.Message,
        Stockpiles = g.Stockpiles.Select(s => new StockpileSpread(s.Country, s.Material, s.Mean, s.StandardDeviation, s.Min, s.Max)).ToArray(),
        Choices = g.Choices.Select(c => new ChoiceShare(c.Kind, c.Country, c.Material, c.Item, c.Share)).ToArray(),
    };
}

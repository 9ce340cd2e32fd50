using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

// The analyses' work specs (StockpileOptimizer.Domain, Analyses/) ⇄ analyses.proto. Proto →
// domain carries every value across and reports only what the records cannot hold (a missing
// spec, an unknown enum); the rules on the values are the application layer's
// (StockpileOptimizer.Model.Application.WorkChecks), with the same "spec.…" paths.
public static partial class DomainMapping
{
    public static V1.FrontierParameter ToProto(FrontierParameter parameter) => parameter switch
    {
        FrontierParameter.BudgetScale => V1.FrontierParameter.BudgetScale,
        FrontierParameter.RiskWeight => V1.FrontierParameter.RiskWeight,
        _ => V1.FrontierParameter.Unspecified,
    };

    /// <summary>Null for UNSPECIFIED and for a number this version does not know.</summary>
    public static FrontierParameter? ToDomain(V1.FrontierParameter parameter) => parameter switch
    {
        V1.FrontierParameter.BudgetScale => FrontierParameter.BudgetScale,
        V1.FrontierParameter.RiskWeight => FrontierParameter.RiskWeight,
        _ => null,
    };

    public static V1.CooperationSpec ToProto(CooperationAnalysisSpec spec) =>
        new() { MaxCountries = spec.MaxCountries, MaxParallelism = spec.MaxParallelism };

    public static CooperationAnalysisSpec ToDomain(V1.CooperationSpec? proto) => new()
    {
        MaxCountries = proto?.MaxCountries ?? CooperationAnalysisSpec.DefaultMaxCountries,
        MaxParallelism = proto?.MaxParallelism,
    };

    public static V1.FrontierSpec ToProto(FrontierAnalysisSpec spec)
    {
        var proto = new V1.FrontierSpec
        {
            Parameter = ToProto(spec.Parameter),
            Range = spec.Range is { } r ? new V1.FrontierRange { Start = r.Start, Stop = r.Stop, Steps = r.Steps } : null,
            WarmStart = spec.WarmStart,
            MaxParallelism = spec.MaxParallelism,
        };
        proto.Values.Add(spec.Values ?? []);
        return proto;
    }

    /// <summary>A frontier spec; a missing spec or parameter is reported at spec / spec.parameter.</summary>
    public static FrontierAnalysisSpec ToDomain(V1.FrontierSpec? proto, ICollection<Violation> problems)
    {
        if (proto is null)
        {
            problems.Add(FieldProblems.Required("spec"));
            return new FrontierAnalysisSpec();
        }
        var parameter = ToDomain(proto.Parameter);
        if (parameter is null)
        {
            problems.Add(proto.Parameter == V1.FrontierParameter.Unspecified
                ? new Violation("spec.parameter", "spec.parameter is required: FRONTIER_PARAMETER_BUDGET_SCALE or FRONTIER_PARAMETER_RISK_WEIGHT")
                : FieldProblems.UnknownEnum("spec.parameter", (int)proto.Parameter, "FRONTIER_PARAMETER_BUDGET_SCALE or FRONTIER_PARAMETER_RISK_WEIGHT"));
        }
        return new FrontierAnalysisSpec
        {
            Parameter = parameter ?? FrontierParameter.BudgetScale,
            Values = proto.Values.Count > 0 || proto.Range is null ? [.. proto.Values] : null,
            Range = proto.Range is { } r ? new FrontierRange(r.Start, r.Stop, r.Steps) : null,
            WarmStart = proto.WarmStart ?? true,
            MaxParallelism = proto.MaxParallelism,
        };
    }

    /// <summary>An evaluation spec; every field is sent, so that the server's defaults never fill in for it.</summary>
    public static V1.EvaluationSpec ToProto(EvaluationAnalysisSpec spec)
    {
        var proto = new V1.EvaluationSpec
        {
            Policy = spec.Policy is { } policy ? ToProto(policy) : null,
            Samples = spec.Samples,
            Seed = spec.Seed,
            Distribution = spec.Distribution is { } distribution ? ToProto(distribution) : null,
            Vss = spec.Vss,
            Evpi = spec.Evpi,
            ConfidenceLevel = spec.ConfidenceLevel,
            MaxParallelism = spec.MaxParallelism,
        };
        proto.Scenarios.Add((spec.Scenarios ?? []).Select(ToProto));
        return proto;
    }

    /// <summary>An evaluation spec (none: every default); given scenarios replace the sample.</summary>
    public static EvaluationAnalysisSpec ToDomain(V1.EvaluationSpec? proto)
    {
        proto ??= new V1.EvaluationSpec();
        return new EvaluationAnalysisSpec
        {
            Policy = proto.Policy is { } policy ? ToDomain(policy) : null,
            Samples = proto.Samples == 0 ? EvaluationAnalysisSpec.DefaultSamples : proto.Samples,
            Seed = proto.Seed,
            Distribution = proto.Scenarios.Count == 0 && proto.Distribution is { } distribution ? ToDomain(distribution) : null,
            Scenarios = proto.Scenarios.Count > 0 ? [.. proto.Scenarios.Select(ToDomain)] : null,
            Vss = proto.Vss,
            Evpi = proto.Evpi,
            ConfidenceLevel = proto.ConfidenceLevel ?? EvaluationAnalysisSpec.DefaultConfidenceLevel,
            MaxParallelism = proto.MaxParallelism,
        };
    }

    /// <summary>A scenario generation as the request carries it (the instance is mapped apart).</summary>
    public static ScenarioGenerationSpec ToDomain(V1.GenerateScenariosRequest request) => new()
    {
        Count = request.Count,
        Seed = request.Seed,
        Distribution = request.Distribution is { } distribution ? ToDomain(distribution) : null,
        ReduceTo = request.ReduceTo,
    };

    public static V1.GenerateScenariosRequest ToProto(StockpileInstance instance, ScenarioGenerationSpec spec) => new()
    {
        Instance = ToProto(instance),
        Count = spec.Count,
        Seed = spec.Seed,
        Distribution = spec.Distribution is { } distribution ? ToProto(distribution) : null,
        ReduceTo = spec.ReduceTo,
    };

    /// <summary>
    /// A distribution with every field set, so that the server's defaults never fill in for it.
    /// An empty list of halts is sent as one group that never halts (an empty list would mean
    /// "the default halts", see analyses.proto).
    /// </summary>
    public static V1.ScenarioDistribution ToProto(ScenarioDistribution d)
    {
        var proto = new V1.ScenarioDistribution
        {
            Supplier = d.Supplier,
            SupplierShock = new V1.SupplierShockDistribution { Rho = d.SupplierShock.Rho },
            PriceWar = new V1.PriceWarDistribution
            {
                Probability = d.PriceWar.Probability,
                Onset = ToProto(d.PriceWar.Onset),
                Length = ToProto(d.PriceWar.Length),
                Depth = ToProto(d.PriceWar.Depth),
            },
            DemandScale = ToProto(d.DemandScale),
        };
        proto.SupplierShock.Groups.Add(d.SupplierShock.Groups);
        proto.PriceWar.Groups.Add(d.PriceWar.Groups);
        if (d.Halts.Count == 0)
        {
            proto.Halts.Add(new V1.GroupHaltDistribution { Group = "(none)", Probability = 0 });
        }
        proto.Halts.Add(d.Halts.Select(h => new V1.GroupHaltDistribution
        {
            Group = h.Group,
            Probability = h.Probability,
            Onset = ToProto(h.Onset),
            Duration = ToProto(h.Duration),
            Availability = ToProto(h.Availability),
            PriceMultiplier = ToProto(h.PriceMultiplier),
        }));
        return proto;
    }

    private static V1.OnsetWindow ToProto(OnsetWindow o) => new() { First = o.First, Last = o.Last };

    private static V1.PeriodCountDistribution ToProto(PeriodCountDistribution c) => new() { Min = c.Min, Mean = c.Mean, Shape = c.Shape };

    private static V1.BetaFraction ToProto(BetaFraction b) => new() { Mean = b.Mean, Concentration = b.Concentration };

    private static V1.LogNormalFactor ToProto(LogNormalFactor f) => new() { Median = f.Median, Sigma = f.Sigma, Shift = f.Shift };

    /// <summary>Proto → domain for a distribution: unset fields and empty lists take the default distribution's.</summary>
    public static ScenarioDistribution ToDomain(V1.ScenarioDistribution p)
    {
        var defaults = ScenarioDistribution.Default;
        var war = defaults.PriceWar;
        return new ScenarioDistribution
        {
            Supplier = p.Supplier ?? defaults.Supplier,
            Halts = p.Halts.Count == 0 ? defaults.Halts : [.. p.Halts.Select(Halt)],
            SupplierShock = p.SupplierShock is { } shock
                ? new SupplierShockDistribution
                {
                    Groups = shock.Groups.Count == 0 ? defaults.SupplierShock.Groups : [.. shock.Groups],
                    Rho = shock.Rho ?? defaults.SupplierShock.Rho,
                }
                : defaults.SupplierShock,
            PriceWar = p.PriceWar is { } w
                ? new PriceWarDistribution
                {
                    Probability = w.Probability ?? war.Probability,
                    Groups = w.Groups.Count == 0 ? war.Groups : [.. w.Groups],
                    Onset = w.Onset is { } onset ? Onset(onset) : war.Onset,
                    Length = w.Length is { } length ? Count(length) : war.Length,
                    Depth = w.Depth is { } depth ? Beta(depth) : war.Depth,
                }
                : war,
            DemandScale = p.DemandScale is { } scale ? Factor(scale) : defaults.DemandScale,
        };
    }

    private static GroupHaltDistribution Halt(V1.GroupHaltDistribution h)
    {
        var defaults = new GroupHaltDistribution();
        return new GroupHaltDistribution
        {
            Group = h.Group,
            Probability = h.Probability,
            Onset = h.Onset is { } onset ? Onset(onset) : defaults.Onset,
            Duration = h.Duration is { } duration ? Count(duration) : defaults.Duration,
            Availability = h.Availability is { } availability ? Beta(availability) : defaults.Availability,
            PriceMultiplier = h.PriceMultiplier is { } price ? Factor(price) : defaults.PriceMultiplier,
        };
    }

    private static OnsetWindow Onset(V1.OnsetWindow o) => new() { First = o.First ?? new OnsetWindow().First, Last = o.Last };

    private static PeriodCountDistribution Count(V1.PeriodCountDistribution c) =>
        new() { Min = c.Min ?? new PeriodCountDistribution().Min, Mean = c.Mean, Shape = c.Shape };

    private static BetaFraction Beta(V1.BetaFraction b) => new() { Mean = b.Mean, Concentration = b.Concentration };

    private static LogNormalFactor Factor(V1.LogNormalFactor f) => new() { Median = f.Median, Sigma = f.Sigma, Shift = f.Shift };
}

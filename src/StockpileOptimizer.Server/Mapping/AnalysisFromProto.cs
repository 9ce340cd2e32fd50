using System.Globalization;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using StockpileOptimizer.Server.Jobs;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>
/// Proto → job specs for the analyses (analyses.proto), with every problem the request has,
/// worded and pathed like the instance's violations ("spec.values[2] must be …"). Checks that
/// need the instance (countries, ids of a policy, the distribution's supplier, given
/// scenarios) run only when there is one. Unset fields take the engine's defaults.
/// </summary>
internal static class AnalysisFromProto
{
    /// <summary>Most values a frontier may sweep, and most scenarios an evaluation or GenerateScenarios may take.</summary>
    public const int MaxFrontierValues = 1000;

    public const int MaxScenarios = 10_000;

    /// <summary>Most scenarios GenerateScenarios reduces in a call: the reduction's distance matrix grows as count² (64 MB here, about 2 s).</summary>
    public const int MaxReducedScenarios = 4_000;

    public static CooperationAnalysisSpec Cooperation(V1.CooperationSpec? proto, StockpileInstance? instance, ICollection<Violation> problems)
    {
        var spec = new CooperationAnalysisSpec { MaxParallelism = Parallelism(proto?.MaxParallelism, problems) };
        if (proto?.MaxCountries is { } max)
        {
            if (max is < 1 or > CooperationAnalysis.HardLimit)
            {
                problems.Add(ProtoProblems.Invalid("spec.maxCountries", $"must be between 1 and {CooperationAnalysis.HardLimit} (got {max})"));
            }
            spec = spec with { MaxCountries = max };
        }
        var countries = instance?.Countries.Count ?? 0;
        if (countries > spec.MaxCountries && spec.MaxCountries is >= 1 and <= CooperationAnalysis.HardLimit)
        {
            problems.Add(ProtoProblems.Invalid("spec.maxCountries", string.Create(CultureInfo.InvariantCulture,
                $"is {spec.MaxCountries}, but the instance has {countries} countries: the cooperation analysis solves every coalition "
                + $"(2^{countries} − 1 = {(1L << Math.Min(countries, 62)) - 1} solves); raise it (at most {CooperationAnalysis.HardLimit}) or merge countries")));
        }
        return spec;
    }

    public static FrontierAnalysisSpec Frontier(V1.FrontierSpec? proto, ICollection<Violation> problems)
    {
        if (proto is null)
        {
            problems.Add(ProtoProblems.Required("spec"));
            return new FrontierAnalysisSpec();
        }
        var parameter = Parameter(proto.Parameter, problems);
        var values = proto.Values.ToArray();
        FrontierRange? range = null;
        if (values.Length > 0 && proto.Range is not null)
        {
            problems.Add(ProtoProblems.Invalid("spec.range", "must not be set together with spec.values: give a list of values or a range, not both"));
        }
        else if (values.Length == 0 && proto.Range is null)
        {
            problems.Add(new Violation("spec.values", "spec.values is required: give the values to sweep, or spec.range"));
        }
        if (values.Length > MaxFrontierValues)
        {
            problems.Add(ProtoProblems.Invalid("spec.values", $"must hold at most {MaxFrontierValues} values (got {values.Length})"));
        }
        for (var i = 0; i < values.Length; i++)
        {
            NonNegative($"spec.values[{i}]", values[i], problems, InstanceValidator.MaxFactor);
        }
        if (proto.Range is { } r)
        {
            NonNegative("spec.range.start", r.Start, problems, InstanceValidator.MaxFactor);
            NonNegative("spec.range.stop", r.Stop, problems, InstanceValidator.MaxFactor);
            if (r.Steps is < 1 or > MaxFrontierValues)
            {
                problems.Add(ProtoProblems.Invalid("spec.range.steps", $"must be between 1 and {MaxFrontierValues} (got {r.Steps})"));
            }
            range = new FrontierRange(r.Start, r.Stop, r.Steps);
        }
        return new FrontierAnalysisSpec
        {
            Parameter = parameter,
            Values = values.Length > 0 || range is null ? values : null,
            Range = values.Length > 0 ? null : range,
            WarmStart = proto.WarmStart ?? true,
            MaxParallelism = Parallelism(proto.MaxParallelism, problems),
        };
    }

    public static EvaluationAnalysisSpec Evaluation(V1.EvaluationSpec? proto, StockpileInstance? instance, ICollection<Violation> problems)
    {
        proto ??= new V1.EvaluationSpec();
        var spec = new EvaluationAnalysisSpec
        {
            Samples = proto.Samples == 0 ? EvaluationAnalysisSpec.DefaultSamples : proto.Samples,
            Seed = proto.Seed,
            Vss = proto.Vss,
            Evpi = proto.Evpi,
            ConfidenceLevel = proto.ConfidenceLevel ?? new EvaluationAnalysisSpec().ConfidenceLevel,
            MaxParallelism = Parallelism(proto.MaxParallelism, problems),
        };
        if (proto.ConfidenceLevel is { } level && !(level is > 0 and < 1))
        {
            problems.Add(ProtoProblems.Invalid("spec.confidenceLevel", $"must be strictly between 0 and 1 (got {level})"));
        }
        if (proto.Scenarios.Count > 0)
        {
            spec = spec with { Scenarios = Scenarios(proto.Scenarios, instance, problems) };
        }
        else
        {
            if (spec.Samples is < 1 or > MaxScenarios)
            {
                problems.Add(ProtoProblems.Invalid("spec.samples", $"must be between 1 and {MaxScenarios} (got {spec.Samples})"));
            }
            spec = spec with { Distribution = Distribution(proto.Distribution, "spec.distribution", instance, problems) };
        }
        if (proto.Policy is { } policy)
        {
            spec = spec with { Policy = Policy(policy, "spec.policy", instance, problems) };
        }
        return spec;
    }

    /// <summary>
    /// The distribution (null when unset: the default), checked against the instance; every
    /// problem is reported at <paramref name="path"/>.… — including the default's supplier
    /// when the instance has no such import source.
    /// </summary>
    public static ScenarioDistribution? Distribution(V1.ScenarioDistribution? proto, string path, StockpileInstance? instance, ICollection<Violation> problems)
    {
        var distribution = proto is null ? null : ToDomain(proto);
        if (instance is not null)
        {
            foreach (var problem in (distribution ?? ScenarioDistribution.Default).Validate(instance))
            {
                var split = problem.IndexOf(": ", StringComparison.Ordinal);
                var field = split < 0 ? path : $"{path}.{problem[..split]}";
                var text = split < 0 ? problem : problem[(split + 2)..];
                if (proto is null)
                {
                    text += $" (the default distribution's; give {path} with a supplier of the instance)";
                }
                problems.Add(new Violation(field, $"{field}: {text}"));
            }
        }
        return distribution;
    }

    /// <summary>A caller's policy, its ids checked against the instance (what PolicyFixer accepts).</summary>
    public static Policy Policy(V1.Policy proto, string path, StockpileInstance? instance, ICollection<Violation> problems)
    {
        var policy = new Policy
        {
            Stockpiles = [.. proto.Stockpiles.Select(s => new StockpileTarget(s.Country, s.Material, s.Tonnes, s.MonthsOfCover)
            {
                ExistingTonnes = s.ExistingTonnes,
            })],
            Tiers = [.. proto.Tiers.Select(t => new TierChoice(t.Country, t.Material, t.Tier, t.Rate, t.InducedTonnes))],
            Commitments = [.. proto.Commitments.Select(c => new BolrCommitment(c.Country, c.Producer, c.TonnesPerPeriod))],
            Investments = [.. proto.Investments.Select(g => new InvestmentDecision(
                g.Investment, g.Build, [.. g.CostShares.Select(a => new CountryAmount(a.Country, a.Usd))]))],
        };
        if (instance is null)
        {
            return policy;
        }
        var countries = instance.Countries.Select(c => c.Id).ToHashSet();
        var materials = instance.Materials.Select(m => m.Id).ToHashSet();
        var tiers = instance.Tiers.Select(t => t.Id).ToHashSet();
        var producers = instance.Producers.Select(p => p.Id).ToHashSet();
        var investments = instance.Investments.Select(g => g.Id).ToHashSet();
        for (var i = 0; i < policy.Stockpiles.Count; i++)
        {
            var s = policy.Stockpiles[i];
            Known($"{path}.stockpiles[{i}].country", s.Country, countries, "country", problems);
            Known($"{path}.stockpiles[{i}].material", s.Material, materials, "material", problems);
            NonNegative($"{path}.stockpiles[{i}].tonnes", s.Tonnes, problems, InstanceValidator.MaxTonnes);
        }
        for (var i = 0; i < policy.Tiers.Count; i++)
        {
            var t = policy.Tiers[i];
            Known($"{path}.tiers[{i}].country", t.Country, countries, "country", problems);
            Known($"{path}.tiers[{i}].material", t.Material, materials, "material", problems);
            Known($"{path}.tiers[{i}].tier", t.Tier, tiers, "tier", problems);
        }
        for (var i = 0; i < policy.Commitments.Count; i++)
        {
            Known($"{path}.commitments[{i}].producer", policy.Commitments[i].Producer, producers, "producer", problems);
            NonNegative($"{path}.commitments[{i}].tonnesPerPeriod", policy.Commitments[i].TonnesPerPeriod, problems, InstanceValidator.MaxTonnes);
        }
        for (var i = 0; i < policy.Investments.Count; i++)
        {
            Known($"{path}.investments[{i}].investment", policy.Investments[i].Investment, investments, "investment", problems);
        }
        return policy;
    }

    /// <summary>Threads asked for: unset is the job's budget; a set value must be ≥ 1.</summary>
    private static int? Parallelism(int? value, ICollection<Violation> problems)
    {
        if (value is < 1)
        {
            problems.Add(ProtoProblems.Invalid("spec.maxParallelism", $"must be at least 1 (got {value})"));
        }
        return value;
    }

    /// <summary>
    /// Given futures: each must make a valid instance alone (as the evaluation solves it), with a
    /// finite probability ≥ 0; paths read spec.scenarios[i]….
    /// </summary>
    private static Scenario[] Scenarios(IReadOnlyList<V1.Scenario> proto, StockpileInstance? instance, ICollection<Violation> problems)
    {
        if (proto.Count > MaxScenarios)
        {
            problems.Add(ProtoProblems.Invalid("spec.scenarios", $"must hold at most {MaxScenarios} scenarios (got {proto.Count})"));
        }
        var scenarios = proto.Select(DomainMapping.ToDomain).ToArray();
        if (instance is null || proto.Count > MaxScenarios)
        {
            return scenarios;
        }
        for (var i = 0; i < scenarios.Length; i++)
        {
            var prefix = $"spec.scenarios[{i}]";
            var alone = instance with
            {
                Scenarios = [scenarios[i] with { Probability = 1 }],
                Policy = instance.Policy with { RiskWeight = 0 },
            };
            foreach (var v in InstanceValidator.Validate(alone))
            {
                problems.Add(new Violation(
                    v.Path.Replace("scenarios[0]", prefix, StringComparison.Ordinal), v.Message.Replace("scenarios[0]", prefix, StringComparison.Ordinal)));
            }
            if (!(scenarios[i].Probability >= 0) || double.IsInfinity(scenarios[i].Probability))
            {
                problems.Add(ProtoProblems.Invalid($"{prefix}.probability", $"must be a finite number ≥ 0 (got {scenarios[i].Probability})"));
            }
        }
        return scenarios;
    }

    private static FrontierParameter Parameter(V1.FrontierParameter parameter, ICollection<Violation> problems)
    {
        switch (parameter)
        {
            case V1.FrontierParameter.BudgetScale:
                return FrontierParameter.BudgetScale;
            case V1.FrontierParameter.RiskWeight:
                return FrontierParameter.RiskWeight;
            case V1.FrontierParameter.Unspecified:
                problems.Add(new Violation("spec.parameter",
                    "spec.parameter is required: FRONTIER_PARAMETER_BUDGET_SCALE or FRONTIER_PARAMETER_RISK_WEIGHT"));
                return FrontierParameter.BudgetScale;
            default:
                problems.Add(ProtoProblems.UnknownEnum("spec.parameter", (int)parameter, "FRONTIER_PARAMETER_BUDGET_SCALE or FRONTIER_PARAMETER_RISK_WEIGHT"));
                return FrontierParameter.BudgetScale;
        }
    }

    private static ScenarioDistribution ToDomain(V1.ScenarioDistribution p)
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

    /// <summary>A finite number ≥ 0 and at most <paramref name="max"/> (a scale or λ: InstanceValidator.MaxFactor; tonnes: MaxTonnes).</summary>
    private static void NonNegative(string path, double value, ICollection<Violation> problems, double max)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            problems.Add(ProtoProblems.Invalid(path, $"must be a finite number ≥ 0 (got {value.ToString(CultureInfo.InvariantCulture)})"));
        }
        else if (value > max)
        {
            problems.Add(ProtoProblems.Invalid(path,
                $"must be ≤ {max.ToString("0.###e0", CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)})"));
        }
    }

    private static void Known(string path, string id, IReadOnlySet<string> known, string what, ICollection<Violation> problems)
    {
        if (!known.Contains(id))
        {
            problems.Add(ProtoProblems.Invalid(path, $"names no {what} of the instance (got \"{id}\")"));
        }
    }
}

using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Model.Application;

/// <summary>
/// The rules on a work spec before any work starts, every problem at once, worded and pathed
/// like the instance's violations ("spec.values[2] must be …"): the limits of
/// <see cref="AnalysisLimits"/>, the ranges of the values, and the checks that need the
/// instance (countries, ids of a policy, the distribution's supplier, given scenarios), which
/// run only when there is a valid one.
/// </summary>
public static class WorkChecks
{
    /// <summary>
    /// Most work a scenario generation's reduction may take, as count² × reduceTo: fast forward
    /// selection computes n sums of n terms for each of the reduceTo scenarios it keeps
    /// (<see cref="ScenarioReduction"/>). Measured: 4,000² × 3,999 = 6.4e10 took 24 s of CPU, so
    /// this bound is about 1 s (e.g. 4,000 scenarios reduced to at most 156, 2,000 to 625, and
    /// any reduction of up to 1,357).
    /// </summary>
    public const long MaxReductionWork = 2_500_000_000;

    /// <summary>The problems of an analysis spec, at spec.….</summary>
    public static IReadOnlyList<Violation> Check(AnalysisSpec spec, ValidatedInstance? instance)
    {
        var problems = new List<Violation>();
        if (spec.MaxParallelism is < 1)
        {
            problems.Add(Invalid("spec.maxParallelism", $"must be at least 1 (got {spec.MaxParallelism})"));
        }
        switch (spec)
        {
            case CooperationAnalysisSpec c:
                Cooperation(c, instance?.Instance, problems);
                break;
            case FrontierAnalysisSpec f:
                Frontier(f, problems);
                break;
            case EvaluationAnalysisSpec e:
                Evaluation(e, instance?.Instance, problems);
                break;
            case SaaAnalysisSpec a:
                Saa(a, instance?.Instance, problems);
                break;
        }
        return problems;
    }

    /// <summary>The problems of a scenario generation, at the request's own fields (count, reduceTo, distribution).</summary>
    public static IReadOnlyList<Violation> Check(ScenarioGenerationSpec spec, ValidatedInstance? instance)
    {
        var problems = new List<Violation>();
        if (spec.Count is < 1 or > AnalysisLimits.MaxScenarios)
        {
            problems.Add(Invalid("count", $"must be between 1 and {AnalysisLimits.MaxScenarios} (got {spec.Count})"));
        }
        if (spec.ReduceTo is < 1)
        {
            problems.Add(Invalid("reduceTo", $"must be at least 1 (got {spec.ReduceTo})"));
        }
        else if (spec.ReduceTo is { } keep && keep < spec.Count && spec.Count > AnalysisLimits.MaxReducedScenarios)
        {
            problems.Add(Invalid("count", $"must be at most {AnalysisLimits.MaxReducedScenarios} when the sample is reduced "
                + $"(got {spec.Count}; the reduction's work and memory grow as count²)"));
        }
        else if (spec.ReduceTo is { } k && k < spec.Count && (long)spec.Count * spec.Count * k > MaxReductionWork)
        {
            problems.Add(Invalid("reduceTo", string.Create(CultureInfo.InvariantCulture,
                $"is too much work with count {spec.Count}: count² × reduceTo = {(long)spec.Count * spec.Count * k:N0}, the limit is {MaxReductionWork:N0} "
                + $"(reduce {spec.Count} scenarios to at most {MaxReductionWork / ((long)spec.Count * spec.Count)}, or sample fewer)")));
        }
        Distribution(spec.Distribution, "distribution", instance?.Instance, problems);
        return problems;
    }

    private static void Cooperation(CooperationAnalysisSpec spec, StockpileInstance? instance, List<Violation> problems)
    {
        var hard = AnalysisLimits.MaxCooperationCountries;
        if (spec.MaxCountries is < 1 || spec.MaxCountries > hard)
        {
            problems.Add(Invalid("spec.maxCountries", $"must be between 1 and {hard} (got {spec.MaxCountries})"));
            return;
        }
        var countries = instance?.Countries.Count ?? 0;
        if (countries > spec.MaxCountries)
        {
            problems.Add(Invalid("spec.maxCountries", string.Create(CultureInfo.InvariantCulture,
                $"is {spec.MaxCountries}, but the instance has {countries} countries: the cooperation analysis solves every coalition "
                + $"(2^{countries} − 1 = {(1L << Math.Min(countries, 62)) - 1} solves); raise it (at most {hard}) or merge countries")));
        }
    }

    private static void Frontier(FrontierAnalysisSpec spec, List<Violation> problems)
    {
        var values = spec.Values ?? [];
        if (values.Count > 0 && spec.Range is not null)
        {
            problems.Add(Invalid("spec.range", "must not be set together with spec.values: give a list of values or a range, not both"));
        }
        else if (values.Count == 0 && spec.Range is null)
        {
            problems.Add(new Violation("spec.values", "spec.values is required: give the values to sweep, or spec.range"));
        }
        if (values.Count > AnalysisLimits.MaxFrontierValues)
        {
            problems.Add(Invalid("spec.values", $"must hold at most {AnalysisLimits.MaxFrontierValues} values (got {values.Count})"));
        }
        for (var i = 0; i < values.Count; i++)
        {
            NonNegative($"spec.values[{i}]", values[i], problems, InstanceValidator.MaxFactor);
        }
        if (spec.Range is { } r)
        {
            NonNegative("spec.range.start", r.Start, problems, InstanceValidator.MaxFactor);
            NonNegative("spec.range.stop", r.Stop, problems, InstanceValidator.MaxFactor);
            if (r.Steps is < 1 or > AnalysisLimits.MaxFrontierValues)
            {
                problems.Add(Invalid("spec.range.steps", $"must be between 1 and {AnalysisLimits.MaxFrontierValues} (got {r.Steps})"));
            }
        }
    }

    private static void Evaluation(EvaluationAnalysisSpec spec, StockpileInstance? instance, List<Violation> problems)
    {
        if (!(spec.ConfidenceLevel is > 0 and < 1))
        {
            problems.Add(Invalid("spec.confidenceLevel", $"must be strictly between 0 and 1 (got {spec.ConfidenceLevel})"));
        }
        Samples(spec.Scenarios, spec.Samples, spec.Distribution, instance, problems);
        if (spec.Policy is { } policy && instance is not null)
        {
            Policy(policy, "spec.policy", instance, problems);
        }
    }

    /// <summary>Given scenarios, or a sample size and a distribution, as an evaluation and an SAA take them.</summary>
    private static void Samples(
        IReadOnlyList<Scenario>? given, int samples, ScenarioDistribution? distribution, StockpileInstance? instance, List<Violation> problems)
    {
        if (given is { Count: > 0 })
        {
            Scenarios(given, instance, problems);
            return;
        }
        if (samples is < 1 or > AnalysisLimits.MaxScenarios)
        {
            problems.Add(Invalid("spec.samples", $"must be between 1 and {AnalysisLimits.MaxScenarios} (got {samples})"));
        }
        Distribution(distribution, "spec.distribution", instance, problems);
    }

    private static void Saa(SaaAnalysisSpec spec, StockpileInstance? instance, List<Violation> problems)
    {
        Samples(spec.Scenarios, spec.Samples, spec.Distribution, instance, problems);
        if (!Enum.IsDefined(spec.Method))
        {
            problems.Add(Invalid("spec.method", $"must be auto, benders or extensive (got {spec.Method})"));
        }
        if (!(spec.Gap is >= 0 and < 1))
        {
            problems.Add(Invalid("spec.gap", $"must be at least 0 and below 1 (got {spec.Gap})"));
        }
        if (spec.MaxIterations is < 1 or > AnalysisLimits.MaxDecompositionIterations)
        {
            problems.Add(Invalid("spec.maxIterations", $"must be between 1 and {AnalysisLimits.MaxDecompositionIterations} (got {spec.MaxIterations})"));
        }
        if (spec.CutGroups is < 1)
        {
            problems.Add(Invalid("spec.cutGroups", $"must be at least 1 (got {spec.CutGroups})"));
        }
        if (spec.Replications is < 0 or 1 or > AnalysisLimits.MaxReplications)
        {
            problems.Add(Invalid("spec.replications", $"must be 0 (no statistical gap) or between 2 and {AnalysisLimits.MaxReplications} (got {spec.Replications})"));
        }
        if (spec.Replications >= 2 && spec.EvaluationSamples is < 2 or > AnalysisLimits.MaxScenarios)
        {
            problems.Add(Invalid("spec.evaluationSamples", $"must be between 2 and {AnalysisLimits.MaxScenarios} with replications (a CI needs two) (got {spec.EvaluationSamples})"));
        }
        if (spec.Replications == 0 && spec.EvaluationSamples != 0)
        {
            problems.Add(Invalid("spec.evaluationSamples", $"is used only with replications: give spec.replications ≥ 2 too (got {spec.EvaluationSamples} without)"));
        }
        if (!(spec.ConfidenceLevel is > 0 and < 1))
        {
            problems.Add(Invalid("spec.confidenceLevel", $"must be strictly between 0 and 1 (got {spec.ConfidenceLevel})"));
        }
    }

    /// <summary>
    /// The distribution (null: the default) against the instance; every problem is reported at
    /// <paramref name="path"/>.… — including the default's supplier when the instance has no such import source.
    /// </summary>
    private static void Distribution(ScenarioDistribution? distribution, string path, StockpileInstance? instance, List<Violation> problems)
    {
        if (instance is null)
        {
            return;
        }
        foreach (var problem in (distribution ?? ScenarioDistribution.Default).Validate(instance))
        {
            var split = problem.IndexOf(": ", StringComparison.Ordinal);
            var field = split < 0 ? path : $"{path}.{problem[..split]}";
            var text = split < 0 ? problem : problem[(split + 2)..];
            if (distribution is null)
            {
                text += $" (the default distribution's; give {path} with a supplier of the instance)";
            }
            problems.Add(new Violation(field, $"{field}: {text}"));
        }
    }

    /// <summary>A caller's policy, its ids checked against the instance (what PolicyFixer accepts).</summary>
    private static void Policy(Policy policy, string path, StockpileInstance instance, List<Violation> problems)
    {
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
    }

    /// <summary>
    /// Given futures: each must make a valid instance alone, as the evaluation solves it
    /// (<see cref="EvaluationAnalysis.Alone"/>), with a finite probability ≥ 0; paths read spec.scenarios[i]….
    /// </summary>
    private static void Scenarios(IReadOnlyList<Scenario> scenarios, StockpileInstance? instance, List<Violation> problems)
    {
        if (scenarios.Count > AnalysisLimits.MaxScenarios)
        {
            problems.Add(Invalid("spec.scenarios", $"must hold at most {AnalysisLimits.MaxScenarios} scenarios (got {scenarios.Count})"));
            return;
        }
        if (instance is null)
        {
            return;
        }
        for (var i = 0; i < scenarios.Count; i++)
        {
            var prefix = $"spec.scenarios[{i}]";
            foreach (var v in InstanceValidator.Validate(EvaluationAnalysis.Alone(instance, scenarios[i])))
            {
                problems.Add(new Violation(
                    v.Path.Replace("scenarios[0]", prefix, StringComparison.Ordinal), v.Message.Replace("scenarios[0]", prefix, StringComparison.Ordinal)));
            }
            if (!(scenarios[i].Probability >= 0) || double.IsInfinity(scenarios[i].Probability))
            {
                problems.Add(Invalid($"{prefix}.probability", $"must be a finite number ≥ 0 (got {scenarios[i].Probability})"));
            }
        }
    }

    /// <summary>A finite number ≥ 0 and at most <paramref name="max"/> (a scale or λ: InstanceValidator.MaxFactor; tonnes: MaxTonnes).</summary>
    private static void NonNegative(string path, double value, List<Violation> problems, double max)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            problems.Add(Invalid(path, $"must be a finite number ≥ 0 (got {value.ToString(CultureInfo.InvariantCulture)})"));
        }
        else if (value > max)
        {
            problems.Add(Invalid(path,
                $"must be ≤ {max.ToString("0.###e0", CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)})"));
        }
    }

    private static void Known(string path, string id, IReadOnlySet<string> known, string what, List<Violation> problems)
    {
        if (!known.Contains(id))
        {
            problems.Add(Invalid(path, $"names no {what} of the instance (got \"{id}\")"));
        }
    }

    private static Violation Invalid(string path, string problem) => new(path, $"{path} {problem}");
}

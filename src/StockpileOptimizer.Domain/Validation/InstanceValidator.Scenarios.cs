namespace StockpileOptimizer.Domain;

// Scenarios: probabilities that sum to 1, demand scales, and the supply and tariff events in each.
public static partial class InstanceValidator
{
    /// <summary>Slack allowed on Σ probability = 1, for decimal fractions such as 0.1 + 0.2 + 0.7.</summary>
    private const double ProbabilityTolerance = 1e-9;

    private static void CheckScenarios(Checks checks, IReadOnlyList<Scenario>? scenarios, Known known)
    {
        var items = checks.Required(scenarios, "scenarios", "scenario");
        foreach (var (scenario, path) in items)
        {
            checks.Fraction($"{path}.probability", scenario.Probability);
            checks.NonNegative($"{path}.demandScale", scenario.DemandScale, MaxFactor);
            foreach (var (e, eventPath) in checks.Items(scenario.Events, $"{path}.events"))
            {
                CheckEvent(checks, e, eventPath, known);
            }
            foreach (var (e, eventPath) in checks.Items(scenario.TariffEvents, $"{path}.tariffEvents"))
            {
                CheckTariffEvent(checks, e, eventPath, known);
            }
        }
        checks.Ids(items, s => s.Id);

        // Only a sum of numbers that are each probabilities is worth reporting.
        if (items.Count > 0 && items.All(s => s.Item.Probability is >= 0 and <= 1))
        {
            var sum = items.Sum(s => s.Item.Probability);
            if (Math.Abs(sum - 1) > ProbabilityTolerance)
            {
                checks.Add("scenarios", $"probabilities must sum to 1 (got {Checks.ShowSum(sum)})");
            }
        }
    }

    private static void CheckEvent(Checks checks, SupplyEvent e, string path, Known known)
    {
        // A price-only event (a price war) throttles no source, so it may leave the source blank.
        if (!string.IsNullOrWhiteSpace(e.Source) || e.Availability != 1)
        {
            checks.Ref($"{path}.source", e.Source, known.Sources, "import source");
        }
        CheckMaterialsAndGroups(checks, e.Materials, e.Groups, path, known);
        if (e.Materials is { Count: 0 } && e.Groups is { Count: 0 })
        {
            checks.Add(path, "names no materials and no groups, so it affects nothing");
        }
        checks.Fraction($"{path}.availability", e.Availability);
        checks.Positive($"{path}.priceMultiplier", e.PriceMultiplier, MaxFactor);
        CheckWindow(checks, path, e.FromPeriod, e.ToPeriod, known.Periods);
    }

    private static void CheckMaterialsAndGroups(
        Checks checks, IReadOnlyList<string>? materials, IReadOnlyList<string>? groups, string path, Known known)
    {
        foreach (var (material, materialPath) in checks.Items(materials, $"{path}.materials"))
        {
            checks.Ref(materialPath, material, known.Materials, "material");
        }
        foreach (var (group, groupPath) in checks.Items(groups, $"{path}.groups"))
        {
            checks.Ref(groupPath, group, known.Groups, "material group");
        }
    }

    /// <summary>[fromPeriod, toPeriod] lies within the horizon, in order.</summary>
    private static void CheckWindow(Checks checks, string path, int fromPeriod, int toPeriod, int periods)
    {
        CheckPeriod(checks, $"{path}.fromPeriod", fromPeriod, periods);
        CheckPeriod(checks, $"{path}.toPeriod", toPeriod, periods);
        if (fromPeriod > toPeriod)
        {
            checks.Add($"{path}.toPeriod", $"must not be before fromPeriod ({toPeriod} < {fromPeriod})");
        }
    }

    private static void CheckPeriod(Checks checks, string path, int period, int periods)
    {
        if (period < 1 || (periods >= 1 && period > periods))
        {
            var range = periods >= 1 ? $"between 1 and {periods} (horizon.periods)" : "≥ 1";
            checks.Add(path, $"must be a period {range} (got {period})");
        }
    }
}

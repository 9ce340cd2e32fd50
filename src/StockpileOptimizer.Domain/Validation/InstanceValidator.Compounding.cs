namespace StockpileOptimizer.Domain;

// The compounded effect of a scenario's events: prices multiply by every event covering
// (material, period), so overlapping events can take a price where one event could not.
public static partial class InstanceValidator
{
    /// <summary>
    /// In each scenario, for each material, the product of the multipliers covering a period is
    /// within [<see cref="MinCompoundedPriceFactor"/>, <see cref="MaxCompoundedPriceFactor"/>]
    /// and the price it gives ≤ <see cref="MaxUsdPerTonne"/>. Reported once per (scenario,
    /// material), at the last event covering the first period out of range. Skipped where an
    /// event or price is itself invalid (already reported).
    /// </summary>
    private static void CheckCompoundedPrices(Checks checks, StockpileInstance instance, Known known)
    {
        if (instance.Scenarios is not { } scenarios || instance.Materials is not { } materials || known.Periods < 1)
        {
            return;
        }
        for (var s = 0; s < scenarios.Count; s++)
        {
            if (scenarios[s]?.Events is not { } events || !events.All(e => UsableEvent(e, known.Periods)))
            {
                continue;
            }
            foreach (var material in materials)
            {
                if (material is null || !IsMoney(material.PriceUsdPerTonne))
                {
                    continue;
                }
                CheckCompounded(checks, $"scenarios[{s}]", events, material, known.Periods);
            }
        }
    }

    private static void CheckCompounded(Checks checks, string path, IReadOnlyList<SupplyEvent> events, Material material, int periods)
    {
        // The covering set changes only where an event starts or the period after one ends,
        // so those periods are the only ones to look at (H may be huge).
        var boundaries = events.Where(e => e.Materials.Contains(material.Id) || e.Groups.Contains(material.Group))
            .SelectMany(e => new[] { e.FromPeriod, e.ToPeriod + 1 })
            .Where(t => t <= periods)
            .Distinct()
            .Order();
        foreach (var t in boundaries)
        {
            var product = 1.0;
            var last = -1;
            for (var k = 0; k < events.Count; k++)
            {
                if (Covers(events[k], material, t))
                {
                    product *= events[k].PriceMultiplier;
                    last = k;
                }
            }
            var price = material.PriceUsdPerTonne * product;
            var problem =
                product > MaxCompoundedPriceFactor ? $"above {Checks.ShowBound(MaxCompoundedPriceFactor)}"
                : product < MinCompoundedPriceFactor ? $"below {Checks.Show(MinCompoundedPriceFactor)}"
                : price > MaxUsdPerTonne ? $"which takes its price of {Checks.Show(material.PriceUsdPerTonne)} USD/t to {Checks.ShowSum(price)} USD/t, above {Checks.ShowBound(MaxUsdPerTonne)}"
                : null;
            if (problem is not null)
            {
                var covering = Enumerable.Range(0, events.Count).Where(k => Covers(events[k], material, t)).Select(k => $"events[{k}]");
                checks.Add($"{path}.events[{last}].priceMultiplier",
                    $"compounds with the other events covering {ShownText.Quote(material.Id)} in period {t} ({string.Join(", ", covering)}) "
                    + $"to a price multiplier of {Checks.ShowSum(product)}, {problem}: more than the solver can take");
                return;
            }
        }
    }

    private static bool Covers(SupplyEvent e, Material material, int t) =>
        e.FromPeriod <= t && t <= e.ToPeriod && (e.Materials.Contains(material.Id) || e.Groups.Contains(material.Group));

    private static bool UsableEvent(SupplyEvent? e, int periods) =>
        e is { Materials: not null, Groups: not null }
        && e.PriceMultiplier is > 0 and <= MaxFactor
        && e.FromPeriod >= 1 && e.ToPeriod <= periods && e.FromPeriod <= e.ToPeriod;
}

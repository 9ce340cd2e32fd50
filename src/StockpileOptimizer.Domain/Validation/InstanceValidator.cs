namespace StockpileOptimizer.Domain;

/// <summary>
/// Checks an instance before the model is built, so the builder can trust its data
/// (docs/model.md). <see cref="Validate"/> finds every problem in one pass and never throws.
/// </summary>
public static partial class InstanceValidator
{
    /// <summary>Every violation in <paramref name="instance"/>; empty when it is valid.</summary>
    public static IReadOnlyList<Violation> Validate(StockpileInstance instance)
    {
        if (instance is null)
        {
            return [new Violation("", "the instance is missing (null)")];
        }
        var checks = new Checks();
        CheckFormatVersion(checks, instance.FormatVersion);
        var periods = CheckHorizon(checks, instance.Horizon);
        var known = new Known(
            Countries: CheckCountries(checks, instance.Countries),
            Materials: CheckMaterials(checks, instance.Materials, out var groups),
            Sectors: CheckSectors(checks, instance.Sectors),
            Sources: CheckImportSources(checks, instance.ImportSources),
            Producers: [],
            Groups: groups,
            TierCount: CheckTiers(checks, instance.Tiers),
            Periods: periods,
            TradeRoutes: []);
        known = known with { Producers = CheckProducers(checks, instance.Producers, known) };
        CheckRecipes(checks, instance.Producers, known);
        CheckDemands(checks, instance.Demands, known);
        CheckImports(checks, instance.Imports, known);
        CheckInvestments(checks, instance.Investments, known);
        CheckPrivateStock(checks, instance.PrivateStock, known);
        CheckSharing(checks, instance.Sharing, known);
        known = known with { TradeRoutes = CheckTrade(checks, instance.Trade, known) };
        CheckHoldings(checks, instance, known);
        CheckScenarios(checks, instance.Scenarios, known);
        CheckCompoundedPrices(checks, instance, known);
        CheckPolicy(checks, instance.Policy, known);
        CheckContracts(checks, instance);
        CheckTexts(checks, instance);
        return checks.Violations;
    }

    /// <summary>1 (v1, also when absent) or 2 (model v2); docs/model.md, "Versions".</summary>
    private static void CheckFormatVersion(Checks checks, int version)
    {
        if (version is not (1 or 2))
        {
            checks.Add("formatVersion", $"must be 1 or 2 (got {version})");
        }
    }

    /// <summary>Throws <see cref="InvalidInstanceException"/> listing every violation, if there is any.</summary>
    public static void ThrowIfInvalid(StockpileInstance instance)
    {
        var violations = Validate(instance);
        if (violations.Count > 0)
        {
            throw new InvalidInstanceException(violations);
        }
    }
}

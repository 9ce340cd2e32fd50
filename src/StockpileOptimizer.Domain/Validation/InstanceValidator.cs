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
        var periods = CheckHorizon(checks, instance.Horizon);
        var known = new Known(
            Countries: CheckCountries(checks, instance.Countries),
            Materials: CheckMaterials(checks, instance.Materials, out var groups),
            Sectors: CheckSectors(checks, instance.Sectors),
            Sources: CheckImportSources(checks, instance.ImportSources),
            Producers: [],
            Groups: groups,
            TierCount: CheckTiers(checks, instance.Tiers),
            Periods: periods);
        known = known with { Producers = CheckProducers(checks, instance.Producers, known) };
        CheckDemands(checks, instance.Demands, known);
        CheckImports(checks, instance.Imports, known);
        CheckInvestments(checks, instance.Investments, known);
        CheckPrivateStock(checks, instance.PrivateStock, known);
        CheckSharing(checks, instance.Sharing, known);
        CheckScenarios(checks, instance.Scenarios, known);
        CheckPolicy(checks, instance.Policy, known);
        return checks.Violations;
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

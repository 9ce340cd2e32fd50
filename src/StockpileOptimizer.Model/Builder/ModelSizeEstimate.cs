using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model;

/// <summary>Columns and rows of the model of an instance (see <see cref="ModelSizeEstimate"/>).</summary>
public sealed record ModelSize(long Variables, long Rows);

/// <summary>
/// The size of the model the builder makes of an instance, counted from the instance's sets
/// alone, before anything is built — so that a server can refuse a model too large for it
/// at once. Variables are counted exactly as the builder (Builder/Variables.cs) creates them;
/// rows at most: price-war survival rows are counted in every (producer, period, scenario),
/// not only where the price is below the producer's cost, so the count is at most
/// producers × periods × scenarios above the model's. Elastic slacks of an infeasibility
/// diagnosis are not counted. Any instance gives an answer (sizes saturate at
/// <see cref="long.MaxValue"/>); it is the model's only for a valid one.
/// </summary>
public static class ModelSizeEstimate
{
    /// <summary>The model in the instance's own cooperation mode.</summary>
    public static ModelSize Of(StockpileInstance instance) => Of(instance, instance.Policy?.Mode ?? CooperationMode.Joint);

    public static ModelSize Of(StockpileInstance instance, CooperationMode mode)
    {
        // Counts as doubles: a malformed instance (periods near int.MaxValue) must not overflow.
        double c = Count(instance.Countries), m = Count(instance.Materials), p = Count(instance.Producers);
        double g = Count(instance.Investments), s = Count(instance.Scenarios), l = Count(instance.Tiers);
        double h = Math.Max(0, instance.Horizon?.Periods ?? 0);
        double imports = Count(instance.Imports), demands = Count(instance.Demands), responses = Count(instance.PrivateStock);
        // Each sharing link is two arcs, one per direction; INDEPENDENT mode has none.
        double arcs = mode == CooperationMode.Joint ? 2.0 * Count(instance.Sharing) : 0;
        // Payers of each investment: its partners in JOINT mode, else the host alone.
        double payers = instance.Investments?.Sum(i =>
            mode == CooperationMode.Joint && i?.Partners is { Count: > 0 } partners ? partners.Count : 1) ?? 0;
        var policy = instance.Policy;
        double cvarGroups = policy?.RiskWeight > 0 ? mode == CooperationMode.Joint ? 1 : c : 0;
        double floors = Count(policy?.CoverageFloors);
        var refill = policy?.RefillFraction > 0;
        var hs = h * s;
        double trade = Count(instance.Trade);
        var economics = Economics.For(instance);
        // The constant variable: holdings at t = 0 or the economy view's users' premium.
        double one = economics.CostView == CostView.Economy || (instance.Holdings?.Any(x => x?.GovernmentTonnes > 0) ?? false) ? 1 : 0;
        // Take-or-pay top-up contracts have no bolr-cap or bolr-output rows.
        double producerRows = economics.BolrContract == BolrContract.TopUp ? 4 : 6;

        var variables =
            c * m + responses * l + p + g + payers // x, tier y, BoLR q, build z, cost shares w
            + 4 * c * m * hs // inventory, release, purchase, private release
            + 4 * p * hs // operable capacity, output, BoLR resold, BoLR stocked
            + imports * hs + arcs * hs + demands * hs // imports, transfers, shortages
            + c * s // fiscal outlay
            + trade * hs + one // commercial trade, the constant
            + cvarGroups * (1 + s); // η and ν
        var rows =
            3 * c * m * hs // balance, inventory, inventory-cap
            + (refill ? c * m * s : 0) + c // refill, storage
            + producerRows * p * hs // output, ramp, build, (bolr-cap, bolr-output,) survival (at most)
            + c * m * s + responses // private-stock, tier
            + imports * hs + arcs * hs // imports, sharing
            + g + 2 * payers // cost-share, share-min, share-max
            + 2 * c * s // fiscal, budget
            + floors + cvarGroups * s // coverage, cvar
            + (economics.ReleaseRule == ReleaseRule.Shortage ? c * m * hs : 0); // release-limit (at most)
        return new ModelSize(Saturate(variables), Saturate(rows));
    }

    private static double Count<T>(IReadOnlyCollection<T>? items) => items?.Count ?? 0;

    private static long Saturate(double value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}

namespace StockpileOptimizer.Domain;

/// <summary>
/// The economics a solve uses: the policy's v2 options with each null replaced by the default
/// of the instance's format version. Version 1 reproduces model v1 exactly; version 2 is the
/// default of docs/model.md ("Versions").
/// </summary>
public sealed record Economics(
    ReleaseRule ReleaseRule,
    double ReleasePriceFraction,
    double TerminalValueFraction,
    CostView CostView,
    BolrContract BolrContract,
    bool TieBreaking)
{
    /// <summary>Model v1: releases only in an emergency, earning nothing; no terminal value; fiscal view; BoLR on purchases.</summary>
    public static readonly Economics V1 = new(ReleaseRule.Emergency, 0, 0, CostView.Fiscal, BolrContract.Purchase, false);

    /// <summary>
    /// Model v2 defaults. Terminal value 0.9 of the normal price is an assumption: stock sold
    /// back after the horizon fetches the normal price less ~10 % for handling, assay and a
    /// buyer's discount on aged lots.
    /// </summary>
    public static readonly Economics V2 = new(ReleaseRule.Shortage, 1, 0.9, CostView.Economy, BolrContract.TopUp, true);

    public static Economics For(StockpileInstance instance)
    {
        var defaults = instance.FormatVersion >= 2 ? V2 : V1;
        var policy = instance.Policy ?? new PolicyOptions();
        return new Economics(
            policy.ReleaseRule ?? defaults.ReleaseRule,
            policy.ReleasePriceFraction ?? defaults.ReleasePriceFraction,
            policy.TerminalValueFraction ?? defaults.TerminalValueFraction,
            policy.CostView ?? defaults.CostView,
            policy.BolrContract ?? defaults.BolrContract,
            policy.TieBreaking ?? defaults.TieBreaking);
    }
}

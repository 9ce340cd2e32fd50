namespace StockpileOptimizer.Domain;

// Capacity investments and the cost-share bounds of their partners.
public static partial class InstanceValidator
{
    /// <summary>Slack allowed when share bounds are summed, so that 1/3 + 1/3 + 1/3 is 1.</summary>
    private const double ShareTolerance = 1e-9;

    private static void CheckInvestments(Checks checks, IReadOnlyList<Investment>? investments, Known known)
    {
        var items = checks.Items(investments, "investments");
        foreach (var (investment, path) in items)
        {
            checks.Ref($"{path}.producer", investment.Producer, known.Producers, "producer");
            checks.NonNegative($"{path}.addedCapacityTonnesPerPeriod", investment.AddedCapacityTonnesPerPeriod, MaxTonnes);
            checks.AtLeast($"{path}.leadTimePeriods", investment.LeadTimePeriods, 0);
            checks.NonNegative($"{path}.capexUsd", investment.CapexUsd, MaxUsd);
            CheckPartners(checks, checks.Items(investment.Partners, $"{path}.partners"), $"{path}.partners", known);
        }
        checks.Ids(items, g => g.Id);
    }

    private static void CheckPartners(
        Checks checks, IReadOnlyList<(CostShare Item, string Path)> partners, string path, Known known)
    {
        var boundsValid = true;
        foreach (var (share, sharePath) in partners)
        {
            checks.Ref($"{sharePath}.country", share.Country, known.Countries, "country");
            checks.Fraction($"{sharePath}.minShare", share.MinShare);
            checks.Fraction($"{sharePath}.maxShare", share.MaxShare);
            var valid = share.MinShare is >= 0 and <= 1 && share.MaxShare is >= 0 and <= 1;
            if (valid && share.MinShare > share.MaxShare)
            {
                checks.Add($"{sharePath}.minShare",
                    $"must not exceed maxShare ({Checks.Show(share.MinShare)} > {Checks.Show(share.MaxShare)})");
            }
            boundsValid &= valid;
        }
        checks.UniqueKeys(partners, "country", s => [s.Country]);

        // The shares must add up to the whole capex: Σ min ≤ 1 ≤ Σ max.
        if (partners.Count == 0 || !boundsValid)
        {
            return;
        }
        var minSum = partners.Sum(p => p.Item.MinShare);
        var maxSum = partners.Sum(p => p.Item.MaxShare);
        if (minSum > 1 + ShareTolerance)
        {
            checks.Add(path, $"minimum shares sum to {Checks.ShowSum(minSum)} > 1, so no split of the capex meets them");
        }
        if (maxSum < 1 - ShareTolerance)
        {
            checks.Add(path, $"maximum shares sum to {Checks.ShowSum(maxSum)} < 1, so the partners cannot pay the whole capex");
        }
    }
}

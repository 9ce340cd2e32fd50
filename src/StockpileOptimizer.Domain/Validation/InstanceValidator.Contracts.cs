namespace StockpileOptimizer.Domain;

// Buyer-of-last-resort contract terms that contradict each other or the producer.
public static partial class InstanceValidator
{
    /// <summary>Slack allowed when a commitment is compared with capacity summed over investments.</summary>
    private const double CapacityTolerance = 1e-9;

    private static void CheckContracts(Checks checks, StockpileInstance instance)
    {
        if (instance.Producers is not { } producers)
        {
            return;
        }
        var topUp = (instance.Policy?.BolrContract ?? Economics.For(instance).BolrContract) == BolrContract.TopUp;
        var added = (instance.Investments ?? [])
            .Where(g => g is not null && g.Producer is not null && IsTonnes(g.AddedCapacityTonnesPerPeriod))
            .GroupBy(g => g.Producer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.AddedCapacityTonnesPerPeriod), StringComparer.Ordinal);

        for (var i = 0; i < producers.Count; i++)
        {
            if (producers[i] is not { } p || !IsTonnes(p.MaxCommitmentTonnesPerPeriod))
            {
                continue;
            }
            var path = $"producers[{i}]";
            var commitment = p.MaxCommitmentTonnesPerPeriod;

            // Version 2 only: v1 files were written when the bound was not checked.
            var most = p.CapacityTonnesPerPeriod + added.GetValueOrDefault(p.Id ?? "");
            if (instance.FormatVersion == 2 && IsTonnes(p.CapacityTonnesPerPeriod)
                && commitment > most * (1 + CapacityTolerance) + CapacityTolerance)
            {
                checks.Add($"{path}.maxCommitmentTonnesPerPeriod",
                    $"is {Checks.Show(commitment)} t a period, more than the producer can ever make: capacity "
                    + $"{Checks.Show(p.CapacityTonnesPerPeriod)} + every investment's added capacity {Checks.ShowSum(most - p.CapacityTonnesPerPeriod)} "
                    + $"= {Checks.ShowSum(most)} t a period");
            }
            if (p.SignedCommitmentTonnesPerPeriod > commitment && IsTonnes(p.SignedCommitmentTonnesPerPeriod))
            {
                checks.Add($"{path}.signedCommitmentTonnesPerPeriod",
                    $"is {Checks.Show(p.SignedCommitmentTonnesPerPeriod)} t a period, above maxCommitmentTonnesPerPeriod "
                    + $"{Checks.Show(commitment)}: the producer signed more than it would sign");
            }
            if (commitment == 0 && p.CommitmentFeeUsdPerTonnePeriod > 0 && double.IsFinite(p.CommitmentFeeUsdPerTonnePeriod))
            {
                checks.Add($"{path}.commitmentFeeUsdPerTonnePeriod",
                    $"is {Checks.Show(p.CommitmentFeeUsdPerTonnePeriod)} USD/t a period, but maxCommitmentTonnesPerPeriod is 0: "
                    + "a fee on a contract that can commit nothing");
            }
            if (topUp && commitment > 0 && p.FloorPriceUsdPerTonne < p.UnitCostUsdPerTonne
                && IsMoney(p.FloorPriceUsdPerTonne) && IsMoney(p.UnitCostUsdPerTonne))
            {
                checks.Add($"{path}.floorPriceUsdPerTonne",
                    $"is {Checks.Show(p.FloorPriceUsdPerTonne)} USD/t, below the unit cost {Checks.Show(p.UnitCostUsdPerTonne)} USD/t, "
                    + $"while the producer may commit {Checks.Show(commitment)} t a period: under a top-up contract a floor "
                    + "under cost keeps nothing alive (raise the floor or set maxCommitmentTonnesPerPeriod to 0)");
            }
        }
    }

    private static bool IsMoney(double value) => value is >= 0 and <= MaxUsdPerTonne;
}

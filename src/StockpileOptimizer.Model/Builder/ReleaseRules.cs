using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// How much stock of (c,m) the release rule lets out at (t,s) (docs/model.md, "Model v2"):
/// 0 where no release is allowed, +∞ where any amount is, and under the shortage rule the gap
/// the market cannot fill.
/// </summary>
internal static class ReleaseRules
{
    /// <summary>A gap below this (tonnes) is rounding, not a shortage.</summary>
    private const double Tolerance = 1e-9;

    public static double[,,,] Limits(ModelData d)
    {
        var limits = new double[d.C, d.M, d.H, d.S];
        var rule = d.Economics.ReleaseRule;
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                for (var s = 0; s < d.S; s++)
                {
                    for (var t = 0; t < d.H; t++)
                    {
                        limits[c, m, t, s] = rule switch
                        {
                            ReleaseRule.Market => double.PositiveInfinity,
                            ReleaseRule.Emergency => d.Emergency[m, t, s] ? double.PositiveInfinity : 0,
                            _ => Gap(d, c, m, t, s),
                        };
                    }
                }
            }
        }
        return limits;
    }

    /// <summary>
    /// The shortage rule's limit: what the country could need — final demand plus what its
    /// producers' recipes could draw at their largest capacity (built investments whose lead
    /// time has passed included) — less what the scenario guarantees without stock: imports
    /// at its availability and the capacity of input-free domestic producers that no price war
    /// has closed in periods 1..t. Releases fill that gap and no more, so stock is never dumped
    /// in place of imports for its revenue, and where demand can go unmet it may be released.
    /// </summary>
    private static double Gap(ModelData d, int c, int m, int t, int s)
    {
        var need = 0.0;
        for (var k = 0; k < d.K; k++)
        {
            need += d.Demand[c, m, k, t, s];
        }
        for (var p = 0; p < d.P; p++)
        {
            if (d.ProducerCountry[p] != c)
            {
                continue;
            }
            foreach (var (input, ratio) in d.Inputs[p])
            {
                if (input == m)
                {
                    need += ratio * LargestCapacity(d, p, t);
                }
            }
        }
        var guaranteed = 0.0;
        for (var i = 0; i < d.ImportCountry.Length; i++)
        {
            if (d.ImportCountry[i] == c && d.ImportMaterial[i] == m)
            {
                guaranteed += d.ImportAvailability[i, t, s];
            }
        }
        for (var p = 0; p < d.P; p++)
        {
            if (d.ProducerCountry[p] != c || d.ProducerMaterial[p] != m || d.Inputs[p].Length > 0)
            {
                continue;
            }
            var warSoFar = false;
            for (var tt = 0; tt <= t; tt++)
            {
                warSoFar |= d.PriceWar[p, tt, s];
            }
            if (!warSoFar)
            {
                guaranteed += d.Instance.Producers[p].CapacityTonnesPerPeriod;
            }
        }
        var gap = need - guaranteed;
        return gap > Tolerance ? gap : 0;
    }

    /// <summary>Capacity of producer p in period t if every investment in it were built.</summary>
    private static double LargestCapacity(ModelData d, int p, int t)
    {
        var capacity = d.Instance.Producers[p].CapacityTonnesPerPeriod;
        for (var g = 0; g < d.G; g++)
        {
            var investment = d.Instance.Investments[g];
            if (d.InvestmentProducer[g] == p && t + 1 > investment.LeadTimePeriods)
            {
                capacity += investment.AddedCapacityTonnesPerPeriod;
            }
        }
        return capacity;
    }
}

using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>
    /// inventory[c,m,t,s]: I_t = I_{t−1} + a_t + BoLR stocked − r_t with I_0 = G0 + x;
    /// inventory-cap[c,m,t,s]: I_t ≤ G0 + x; refill[c,m,s]: I_H ≥ θ·(G0 + x) when θ > 0.
    /// </summary>
    private void AddInventory()
    {
        var theta = d.Instance.Policy.RefillFraction;
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                var producers = ProducersOf(c, m).ToArray();
                var held = d.GovernmentHoldings[c, m];
                ForPeriodScenario((t, s) =>
                {
                    var index = new[] { d.CountryId(cc), d.MaterialId(mm), d.Period(t), d.ScenarioId(s) };
                    var opening = t == 0 ? held : 0;
                    var flow = Row(opening, opening, "inventory", index);
                    flow.SetCoefficient(Inventory[cc, mm, t, s], 1);
                    flow.SetCoefficient(t == 0 ? X[cc, mm] : Inventory[cc, mm, t - 1, s], -1);
                    flow.SetCoefficient(Purchase[cc, mm, t, s], -1);
                    flow.SetCoefficient(Release[cc, mm, t, s], 1);
                    foreach (var p in producers)
                    {
                        flow.SetCoefficient(BolrStocked[p, t, s], -1);
                    }

                    var cap = Row(double.NegativeInfinity, held, "inventory-cap", index);
                    cap.SetCoefficient(Inventory[cc, mm, t, s], 1);
                    cap.SetCoefficient(X[cc, mm], -1);
                });
                if (theta <= 0)
                {
                    continue;
                }
                // One elastic slack per (c,m) shared by its scenarios: the smallest single relaxation.
                var slack = RelaxShared(ElasticFamily.Refill, d.Instance.Materials[m].AcquisitionUsdPerTonne, "tonnes",
                    Name("refill", d.CountryId(c), d.MaterialId(m)));
                for (var s = 0; s < d.S; s++)
                {
                    var refill = Row(theta * held, double.PositiveInfinity, "refill", d.CountryId(c), d.MaterialId(m), d.ScenarioId(s));
                    refill.SetCoefficient(Inventory[c, m, d.H - 1, s], 1);
                    refill.SetCoefficient(X[c, m], -theta);
                    if (slack is not null)
                    {
                        refill.SetCoefficient(slack, 1);
                    }
                }
            }
        }
    }

    /// <summary>release-limit[c,m,t,s], kept for <see cref="Rebind"/>; null where not built.</summary>
    private Constraint?[,,,] releaseLimitRows = null!;

    /// <summary>
    /// release-limit[c,m,t,s]: r + ρ − Σ_g raise[g]·z[g] ≤ the shortage rule's base gap
    /// (ReleaseRules): a built investment whose recipe draws m raises the gap by its extra draws.
    /// Where neither the gap nor any build can open it, r and ρ are fixed at 0 instead.
    /// Rebindable models have the row everywhere under the shortage rule.
    /// </summary>
    private void AddReleaseLimit()
    {
        releaseLimitRows = new Constraint?[d.C, d.M, d.H, d.S];
        if (d.Economics.ReleaseRule != ReleaseRule.Shortage)
        {
            return;
        }
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                ForPeriodScenario((t, s) =>
                {
                    if (!rebindable && !d.MayRelease(cc, mm, t, s))
                    {
                        return;
                    }
                    var row = releaseLimitRows[cc, mm, t, s] = Row(double.NegativeInfinity, d.ReleaseLimit[cc, mm, t, s],
                        "release-limit", d.CountryId(cc), d.MaterialId(mm), d.Period(t), d.ScenarioId(s));
                    row.SetCoefficient(Release[cc, mm, t, s], 1);
                    row.SetCoefficient(PrivateRelease[cc, mm, t, s], 1);
                    SetReleaseRaise(row, cc, mm, t, s);
                });
            }
        }
    }

    private void RebindReleaseLimit()
    {
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                ForPeriodScenario((t, s) =>
                {
                    if (releaseLimitRows[cc, mm, t, s] is { } row)
                    {
                        row.SetBounds(double.NegativeInfinity, d.ReleaseLimit[cc, mm, t, s]);
                        SetReleaseRaise(row, cc, mm, t, s);
                    }
                });
            }
        }
    }

    private void SetReleaseRaise(Constraint row, int c, int m, int t, int s)
    {
        for (var g = 0; g < d.G; g++)
        {
            row.SetCoefficient(Z[g], -d.ReleaseLimitRaise[g][c, m, t, s]);
        }
    }
}

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
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                var producers = ProducersOf(c, m).ToArray();
                var held = d.GovernmentHoldings[c, m];
                ForPeriodScenario((t, s) =>
                {
                    var index = new[] { d.Id(c), d.Id(m), d.Id(t), d.Id(s) };
                    var opening = t.IsFirst ? held : 0;
                    var flow = Row(opening, opening, "inventory", index);
                    flow.SetCoefficient(Inventory[c, m, t, s], 1);
                    flow.SetCoefficient(t.IsFirst ? X[c, m] : Inventory[c, m, t.Previous, s], -1);
                    flow.SetCoefficient(Purchase[c, m, t, s], -1);
                    flow.SetCoefficient(Release[c, m, t, s], 1);
                    foreach (var p in producers)
                    {
                        flow.SetCoefficient(BolrStocked[p, t, s], -1);
                    }

                    var cap = Row(double.NegativeInfinity, held, "inventory-cap", index);
                    cap.SetCoefficient(Inventory[c, m, t, s], 1);
                    cap.SetCoefficient(X[c, m], -1);
                });
                if (theta <= 0)
                {
                    continue;
                }
                // One elastic slack per (c,m) shared by its scenarios: the smallest single relaxation.
                var slack = RelaxShared(ElasticFamily.Refill, d.Instance.Materials[m].AcquisitionUsdPerTonne, "tonnes",
                    Name("refill", d.Id(c), d.Id(m)));
                foreach (var s in d.Scenarios)
                {
                    var refill = Row(theta * held, double.PositiveInfinity, "refill", d.Id(c), d.Id(m), d.Id(s));
                    refill.SetCoefficient(Inventory[c, m, d.LastPeriod, s], 1);
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
    private Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Constraint?> releaseLimitRows = null!;

    /// <summary>
    /// release-limit[c,m,t,s]: r + ρ − Σ_g raise[g]·z[g] ≤ the shortage rule's base gap
    /// (ReleaseRules): a built investment whose recipe draws m raises the gap by its extra draws.
    /// Where neither the gap nor any build can open it, r and ρ are fixed at 0 instead.
    /// Rebindable models have the row everywhere under the shortage rule.
    /// </summary>
    private void AddReleaseLimit()
    {
        releaseLimitRows = new(d.Countries, d.Materials, d.Periods, d.Scenarios);
        if (d.Economics.ReleaseRule != ReleaseRule.Shortage)
        {
            return;
        }
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                ForPeriodScenario((t, s) =>
                {
                    if (!rebindable && !d.MayRelease(c, m, t, s))
                    {
                        return;
                    }
                    var row = releaseLimitRows[c, m, t, s] = Row(double.NegativeInfinity, d.ReleaseLimit[c, m, t, s],
                        "release-limit", d.Id(c), d.Id(m), d.Id(t), d.Id(s));
                    row.SetCoefficient(Release[c, m, t, s], 1);
                    row.SetCoefficient(PrivateRelease[c, m, t, s], 1);
                    SetReleaseRaise(row, c, m, t, s);
                });
            }
        }
    }

    private void RebindReleaseLimit()
    {
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                ForPeriodScenario((t, s) =>
                {
                    if (releaseLimitRows[c, m, t, s] is { } row)
                    {
                        row.SetBounds(double.NegativeInfinity, d.ReleaseLimit[c, m, t, s]);
                        SetReleaseRaise(row, c, m, t, s);
                    }
                });
            }
        }
    }

    private void SetReleaseRaise(Constraint row, CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        foreach (var g in d.Investments)
        {
            row.SetCoefficient(Z[g], -d.ReleaseLimitRaise[g][c, m, t, s]);
        }
    }
}

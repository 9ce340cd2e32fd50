namespace StockpileOptimizer.Model.Tests.Checking;

/// <summary>Rows per (p,t,s): output, ramp, build, and by contract bolr-cap, bolr-output, survival (purchase) or bR = bS = 0, survival K ≤ q (top-up).</summary>
internal static partial class PlanChecker
{
    private static void CheckProducers(CheckContext ctx, ScenarioView s)
    {
        foreach (var p in ctx.Instance.Producers)
        {
            var investments = ctx.Instance.Investments.Where(g => g.Producer == p.Id).ToList();
            var q = ctx.Q(p.Id);
            for (var t = 1; t <= ctx.H; t++)
            {
                var period = s.Period(t);
                double k = s.K(p, t), o = s.O(p, t), bought = s.BR(p, t) + s.BS(p, t);
                ctx.Le(s.Row("output", p.Id, period), o, k);
                ctx.Le(s.Row("ramp", p.Id, period), k, s.K(p, t - 1) + p.RampTonnesPerPeriod);
                // Capacity of g is there in the periods t > lead_g.
                var buildLimit = p.CapacityTonnesPerPeriod + investments
                    .Where(g => t > g.LeadTimePeriods && ctx.Built(g.Id))
                    .Sum(g => g.AddedCapacityTonnesPerPeriod);
                ctx.Le(s.Row("build", p.Id, period), k, buildLimit);
                if (ctx.TopUp)
                {
                    // Take-or-pay top-up: bR = bS = 0; in a price war the commitment keeps K ≤ q.
                    if (Math.Abs(s.BR(p, t)) > ctx.Tol || Math.Abs(s.BS(p, t)) > ctx.Tol)
                    {
                        ctx.Report(s.Row("top-up", p.Id, period),
                            $"bR {CheckContext.Num(s.BR(p, t))} / bS {CheckContext.Num(s.BS(p, t))} t bought under a top-up contract (fixed at 0)");
                    }
                    if (s.PriceWar(p, t))
                    {
                        ctx.Le(s.Row("survival", p.Id, period), k, q);
                    }
                }
                else
                {
                    ctx.Le(s.Row("bolr-cap", p.Id, period), bought, q);
                    ctx.Le(s.Row("bolr-output", p.Id, period), bought, o);
                    if (s.PriceWar(p, t))
                    {
                        ctx.Le(s.Row("survival", p.Id, period), k, bought);
                    }
                }

                ctx.NonNegative(s.Row("K", p.Id, period), k);
                ctx.NonNegative(s.Row("o", p.Id, period), o);
                ctx.NonNegative(s.Row("bR", p.Id, period), s.BR(p, t));
                ctx.NonNegative(s.Row("bS", p.Id, period), s.BS(p, t));
            }
        }
    }
}

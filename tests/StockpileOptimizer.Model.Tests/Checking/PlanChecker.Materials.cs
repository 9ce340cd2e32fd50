namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>Rows per (c,m,t,s): balance, inventory, inventory-cap, refill, private-stock.</summary>
internal static partial class PlanChecker
{
    private static void CheckMaterials(CheckContext ctx, ScenarioView s)
    {
        foreach (var (c, m) in ctx.Pairs)
        {
            var local = ctx.Instance.Producers.Where(p => p.Country == c && p.Material == m).ToList();
            var x = ctx.Stock(c, m);
            var privateReleased = 0.0;
            for (var t = 1; t <= ctx.H; t++)
            {
                var period = s.Period(t);
                double[] supply =
                [
                    .. local.Select(p => s.O(p, t) - s.BS(p, t)),
                    s.V(c, m, t), s.R(c, m, t), s.Rho(c, m, t),
                    s.TransfersIn(c, m, t), -s.TransfersOut(c, m, t), -s.A(c, m, t), s.U(c, m, t),
                ];
                var demand = s.TotalDemand(c, m, t);
                ctx.Eq(s.Row("balance", c, m, period), supply.Sum(), demand, supply.Sum(Math.Abs));

                double[] flow = [s.I(c, m, t), -s.I(c, m, t - 1), -s.A(c, m, t), .. local.Select(p => -s.BS(p, t)), s.R(c, m, t)];
                ctx.Eq(s.Row("inventory", c, m, period), flow.Sum(), 0, flow.Sum(Math.Abs));
                ctx.Le(s.Row("inventory-cap", c, m, period), s.I(c, m, t), x);

                ctx.NonNegative(s.Row("I", c, m, period), s.I(c, m, t));
                ctx.NonNegative(s.Row("r", c, m, period), s.R(c, m, t));
                if (!s.Emergency(m, t))
                {
                    // Stocks are released only in a supply emergency (docs/model.md).
                    ctx.Le(s.Row("release-outside-emergency", c, m, period), s.R(c, m, t), 0);
                    ctx.Le(s.Row("private-release-outside-emergency", c, m, period), s.Rho(c, m, t), 0);
                }
                ctx.NonNegative(s.Row("a", c, m, period), s.A(c, m, t));
                ctx.NonNegative(s.Row("ρ", c, m, period), s.Rho(c, m, t));
                privateReleased += s.Rho(c, m, t);
            }
            var theta = ctx.Instance.Policy.RefillFraction;
            if (theta > 0)
            {
                ctx.Ge(s.Row("refill", c, m), s.I(c, m, ctx.H), theta * x);
            }
            // Without a response there is no private stock: ρ = 0 (Induced is then 0).
            ctx.Le(s.Row("private-stock", c, m), privateReleased, ctx.Induced(c, m));
        }
    }

    /// <summary>Bounds on reported entries (a missing entry is zero and satisfies them): imports, shortage, sharing.</summary>
    private static void CheckFlows(CheckContext ctx, ScenarioView s)
    {
        for (var t = 1; t <= ctx.H; t++)
        {
            var period = s.Period(t);
            foreach (var v in s.Path.Imports)
            {
                var tonnes = CheckContext.At(v.Tonnes, t - 1);
                ctx.NonNegative(s.Row("v", v.Country, v.Material, v.Source, period), tonnes);
                ctx.Le(s.Row("imports", v.Country, v.Material, v.Source, period), tonnes, s.Avail(v.Country, v.Material, v.Source, t));
            }
            foreach (var u in s.Path.Shortages)
            {
                var tonnes = CheckContext.At(u.Tonnes, t - 1);
                ctx.NonNegative(s.Row("u", u.Country, u.Material, u.Sector, period), tonnes);
                ctx.Le(s.Row("shortage", u.Country, u.Material, u.Sector, period), tonnes, s.Demand(u.Country, u.Material, u.Sector, t));
            }
            foreach (var e in s.Path.Transfers)
            {
                CheckTransfer(ctx, s, e, t);
            }
        }
    }

    private static void CheckTransfer(CheckContext ctx, ScenarioView s, TransferPath e, int t)
    {
        var tonnes = CheckContext.At(e.Tonnes, t - 1);
        var row = s.Row("sharing", $"{e.From}→{e.To}", e.Material, s.Period(t));
        if (!ctx.Joint)
        {
            if (Math.Abs(tonnes) > ctx.Tol)
            {
                ctx.Report(row, $"transfer of {CheckContext.Num(tonnes)} t in INDEPENDENT mode");
            }
            return;
        }
        // Each link allows its capacity in each direction.
        var capacity = ctx.Instance.Sharing
            .Where(l => l.Material == e.Material
                && ((l.CountryA == e.From && l.CountryB == e.To) || (l.CountryA == e.To && l.CountryB == e.From)))
            .Sum(l => l.TonnesPerPeriod);
        ctx.NonNegative(s.Row("e", $"{e.From}→{e.To}", e.Material, s.Period(t)), tonnes);
        ctx.Le(row, tonnes, capacity);
    }
}

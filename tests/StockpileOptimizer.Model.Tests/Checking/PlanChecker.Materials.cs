namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>Rows per (c,m,t,s): balance, inventory, inventory-cap, release rule, refill, private-stock; flow bounds.</summary>
internal static partial class PlanChecker
{
    private static void CheckMaterials(CheckContext ctx, ScenarioView s)
    {
        foreach (var (c, m) in ctx.Pairs)
        {
            var local = ctx.Instance.Producers.Where(p => p.Country == c && p.Material == m).ToList();
            // Producers of c (any output) drawing m as an input.
            var drawing = ctx.Instance.Producers.Where(p => p.Country == c && CheckContext.Input(p, m) > 0).ToList();
            var opening = ctx.Opening(c, m);
            var privateReleased = 0.0;
            for (var t = 1; t <= ctx.H; t++)
            {
                var period = s.Period(t);
                double[] supply =
                [
                    .. local.Select(p => s.O(p, t) - s.BS(p, t)),
                    s.V(c, m, t), s.R(c, m, t), s.Rho(c, m, t),
                    s.TransfersIn(c, m, t), -s.TransfersOut(c, m, t), -s.A(c, m, t), s.U(c, m, t),
                    s.TradeIn(c, m, t), -s.TradeOut(c, m, t),
                    .. drawing.Select(p => -CheckContext.Input(p, m) * s.O(p, t)),
                ];
                var demand = s.TotalDemand(c, m, t);
                ctx.Eq(s.Row("balance", c, m, period), supply.Sum(), demand, supply.Sum(Math.Abs));

                double[] flow = [s.I(c, m, t), -s.I(c, m, t - 1), -s.A(c, m, t), .. local.Select(p => -s.BS(p, t)), s.R(c, m, t)];
                ctx.Eq(s.Row("inventory", c, m, period), flow.Sum(), 0, flow.Sum(Math.Abs));
                ctx.Le(s.Row("inventory-cap", c, m, period), s.I(c, m, t), opening);

                ctx.NonNegative(s.Row("I", c, m, period), s.I(c, m, t));
                ctx.NonNegative(s.Row("r", c, m, period), s.R(c, m, t));
                CheckReleaseRule(ctx, s, c, m, t);
                ctx.NonNegative(s.Row("a", c, m, period), s.A(c, m, t));
                ctx.NonNegative(s.Row("ρ", c, m, period), s.Rho(c, m, t));
                privateReleased += s.Rho(c, m, t);
            }
            var theta = ctx.Instance.Policy.RefillFraction;
            if (theta > 0)
            {
                ctx.Ge(s.Row("refill", c, m), s.I(c, m, ctx.H), theta * opening);
            }
            // Without a response or holding there is no private stock: ρ = 0.
            ctx.Le(s.Row("private-stock", c, m), privateReleased, ctx.P0.GetValueOrDefault((c, m)) + ctx.Induced(c, m));
        }
    }

    /// <summary>
    /// Releases within the release limit Rl: r and ρ are 0 where Rl = 0, and r + ρ ≤ Rl where it
    /// is finite (release-limit). A reported ReleaseAllowed and ReleaseLimit (results of v2) must
    /// say what the data say.
    /// </summary>
    private static void CheckReleaseRule(CheckContext ctx, ScenarioView s, string c, string m, int t)
    {
        var period = s.Period(t);
        var limit = s.ReleaseLimit(c, m, t);
        double r = s.R(c, m, t), rho = s.Rho(c, m, t);
        if (limit == 0)
        {
            var rule = ctx.Economics.ReleaseRule.ToString().ToLowerInvariant();
            if (Math.Abs(r) > ctx.Tol)
            {
                ctx.Report(s.Row("release-rule", c, m, period), $"release of {CheckContext.Num(r)} t where the {rule} rule allows none");
            }
            if (Math.Abs(rho) > ctx.Tol)
            {
                ctx.Report(s.Row("private-release-rule", c, m, period), $"private release of {CheckContext.Num(rho)} t where the {rule} rule allows none");
            }
        }
        else if (!double.IsPositiveInfinity(limit))
        {
            ctx.Le(s.Row("release-limit", c, m, period), r + rho, limit);
        }
        if (s.Material(c, m) is not { } path)
        {
            return;
        }
        if (path.ReleaseAllowed.Count > 0)
        {
            if (path.ReleaseAllowed.Count != ctx.H)
            {
                ReportOnce(ctx, t, s.Row("release-allowed", c, m), $"{path.ReleaseAllowed.Count} entries, expected {ctx.H}");
            }
            else if (path.ReleaseAllowed[t - 1] != limit > 0)
            {
                ctx.Report(s.Row("release-allowed", c, m, period), $"reported {path.ReleaseAllowed[t - 1]}, the data give {limit > 0}");
            }
        }
        if (path.ReleaseLimit.Count > 0)
        {
            var reported = CheckContext.At(path.ReleaseLimit, t - 1);
            var row = s.Row("reported-release-limit", c, m, period);
            if (path.ReleaseLimit.Count != ctx.H)
            {
                ReportOnce(ctx, t, s.Row("reported-release-limit", c, m), $"{path.ReleaseLimit.Count} entries, expected {ctx.H}");
            }
            else if (double.IsPositiveInfinity(limit) || double.IsPositiveInfinity(reported))
            {
                if (reported != limit)
                {
                    ctx.Report(row, $"reported {CheckContext.Num(reported)} t, the data give {CheckContext.Num(limit)} t");
                }
            }
            else
            {
                ctx.Agree(row, reported, limit);
            }
        }
    }

    /// <summary>A violation of a whole series, reported in its first period only.</summary>
    private static void ReportOnce(CheckContext ctx, int t, string row, string message)
    {
        if (t == 1)
        {
            ctx.Report(row, message);
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

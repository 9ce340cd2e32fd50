namespace StockpileOptimizer.Model.Tests.Checking;

/// <summary>F[c,s], the budget rows, L[c,s], L[s], and the risk measures of the objective.</summary>
internal static partial class PlanChecker
{
    /// <summary>
    /// The six outlay terms of docs/model.md for country c in scenario s, in order: acquisition,
    /// holding (on opening stock I_{t−1}), replenishment, BoLR, tax credit, investment.
    /// </summary>
    private static double[] Outlay(CheckContext ctx, ScenarioView s, string c)
    {
        double acquisition = 0, holding = 0, replenishment = 0, bolr = 0, taxCredit = 0;
        foreach (var m in ctx.Instance.Materials)
        {
            acquisition += m.AcquisitionUsdPerTonne * ctx.Stock(c, m.Id);
            for (var t = 1; t <= ctx.H; t++)
            {
                holding += m.HoldingUsdPerTonnePeriod * s.I(c, m.Id, t - 1);
                replenishment += s.Price(m.Id, t) * s.A(c, m.Id, t);
            }
            if (ctx.ChosenTier(c, m.Id) is { } tier)
            {
                taxCredit += ctx.H * ctx.Instance.Tiers[tier].Rate * m.HoldingUsdPerTonnePeriod * ctx.Induced(c, m.Id);
            }
        }
        foreach (var p in ctx.Instance.Producers.Where(p => p.Country == c))
        {
            bolr += ctx.H * p.CommitmentFeeUsdPerTonnePeriod * ctx.Q(p.Id);
            for (var t = 1; t <= ctx.H; t++)
            {
                var resaleLoss = Math.Max(0, p.FloorPriceUsdPerTonne - s.Price(p.Material, t));
                bolr += resaleLoss * s.BR(p, t) + p.FloorPriceUsdPerTonne * s.BS(p, t);
            }
        }
        return [acquisition, holding, replenishment, bolr, taxCredit, InvestmentOutlay(ctx, c)];
    }

    /// <summary>Σ_{m,k,t} damage(c,m,k)·u[c,m,k,t,s] over the reported shortages of c.</summary>
    private static double Damage(CheckContext ctx, ScenarioView s, string c) =>
        s.Path.Shortages.Where(u => u.Country == c).Sum(u =>
            (ctx.Demands[(u.Country, u.Material)].FirstOrDefault(d => d.Sector == u.Sector)?.DamageUsdPerTonne ?? 0)
            * u.Tonnes.Sum());

    /// <summary>Checks fiscal, budget and the reported L[s]; returns L[c,s] by country (instance order).</summary>
    private static double[] CheckCosts(CheckContext ctx, ScenarioView s)
    {
        var countries = ctx.Instance.Countries;
        foreach (var reported in s.Path.FiscalCost.Where(f => countries.All(c => c.Id != f.Country)))
        {
            ctx.Report(s.Row("fiscal", reported.Country), "refers to nothing in the instance");
        }
        var losses = new double[countries.Count];
        var scale = 0.0;
        for (var i = 0; i < countries.Count; i++)
        {
            var c = countries[i];
            var terms = Outlay(ctx, s, c.Id);
            var f = terms.Sum();
            var termScale = terms.Sum(Math.Abs);
            var reported = s.Path.FiscalCost.Where(a => a.Country == c.Id).Sum(a => a.Usd);
            ctx.Agree(s.Row("fiscal", c.Id), reported, f, termScale);
            ctx.Le(s.Row("budget", c.Id), f, c.BudgetUsd, termScale);
            var damage = Damage(ctx, s, c.Id);
            losses[i] = f + damage;
            scale += termScale + Math.Abs(damage);
        }
        var shortage = s.Path.Shortages.Sum(u => u.Tonnes.Sum());
        ctx.Agree(s.Row("loss"), s.Path.CostUsd, losses.Sum(), scale);
        ctx.Agree(s.Row("shortage-total"), s.Path.ShortageTonnes, shortage);
        ctx.Agree(s.Row("probability"), s.Path.Probability, s.Scenario.Probability);
        return losses;
    }

    /// <summary>Σ_s π_s L_s.</summary>
    internal static double Expected(IReadOnlyList<double> losses, IReadOnlyList<double> probabilities) =>
        losses.Select((l, s) => probabilities[s] * l).Sum();

    /// <summary>
    /// Exact discrete CVaR_α: min over η of η + Σ π (L − η)⁺ / (1 − α). The function is convex and
    /// piecewise linear with kinks at the losses, so the minimum is at one of them (Σπ = 1).
    /// </summary>
    internal static double Cvar(IReadOnlyList<double> losses, IReadOnlyList<double> probabilities, double alpha) =>
        losses.Count == 0
            ? 0
            : losses.Min(eta => eta + losses.Select((l, s) => probabilities[s] * Math.Max(0, l - eta)).Sum() / (1 - alpha));

    private static double RiskAdjusted(IReadOnlyList<double> losses, IReadOnlyList<double> probabilities, double lambda, double alpha) =>
        Expected(losses, probabilities) + (lambda > 0 ? lambda * Cvar(losses, probabilities, alpha) : 0);
}

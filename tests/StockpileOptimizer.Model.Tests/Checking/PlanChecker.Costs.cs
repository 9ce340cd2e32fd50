namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>F[c,s], the budget rows, L[c,s], L[s], the tie-breaking penalty, and the risk measures of the objective.</summary>
internal static partial class PlanChecker
{
    /// <summary>
    /// The outlay terms of docs/model.md for country c in scenario s, in order: acquisition (on
    /// x), holding (on opening stock I_{t−1}, I_0 = G0 + x), replenishment, BoLR (purchase: fee
    /// and purchases; top-up: (H·fee + Σ_t top)·q), tax credit, investment, release revenue
    /// (−π_r·Σ P·r, zero in v1).
    /// </summary>
    private static double[] Outlay(CheckContext ctx, ScenarioView s, string c)
    {
        double acquisition = 0, holding = 0, replenishment = 0, bolr = 0, taxCredit = 0, revenue = 0;
        foreach (var m in ctx.Instance.Materials)
        {
            acquisition += m.AcquisitionUsdPerTonne * ctx.Stock(c, m.Id);
            for (var t = 1; t <= ctx.H; t++)
            {
                holding += m.HoldingUsdPerTonnePeriod * s.I(c, m.Id, t - 1);
                replenishment += s.Price(m.Id, t) * s.A(c, m.Id, t);
                revenue -= ctx.Economics.ReleasePriceFraction * s.Price(m.Id, t) * s.R(c, m.Id, t);
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
                bolr += ctx.TopUp
                    ? s.TopUp(p, t) * ctx.Q(p.Id)
                    : (s.TopUp(p, t) * s.BR(p, t)) + (p.FloorPriceUsdPerTonne * s.BS(p, t));
            }
        }
        return [acquisition, holding, replenishment, bolr, taxCredit, InvestmentOutlay(ctx, c), revenue];
    }

    /// <summary>Σ_{m,k,t} damage(c,m,k)·u[c,m,k,t,s] over the reported shortages of c.</summary>
    private static double Damage(CheckContext ctx, ScenarioView s, string c) =>
        s.Path.Shortages.Where(u => u.Country == c).Sum(u =>
            (ctx.Demands[(u.Country, u.Material)].FirstOrDefault(d => d.Sector == u.Sector)?.DamageUsdPerTonne ?? 0)
            * u.Tonnes.Sum());

    /// <summary>−θ_T·Σ_m price_m·I[c,m,H,s]: end stock at its terminal value (in L, not in F).</summary>
    private static double TerminalValue(CheckContext ctx, ScenarioView s, string c) =>
        -ctx.Economics.TerminalValueFraction * ctx.Instance.Materials.Sum(m => m.PriceUsdPerTonne * s.I(c, m.Id, ctx.H));

    /// <summary>
    /// Users' premium (economy view): Σ_m Σ_t δ·(Σ_k D − Σ_k u − r) + δr·r — the constant part
    /// δ·D included.
    /// </summary>
    private static double UsersPremium(CheckContext ctx, ScenarioView s, string c)
    {
        var premium = 0.0;
        foreach (var m in ctx.Instance.Materials)
        {
            for (var t = 1; t <= ctx.H; t++)
            {
                var r = s.R(c, m.Id, t);
                premium += (s.Premium(m.Id, t) * (s.TotalDemand(c, m.Id, t) - s.U(c, m.Id, t) - r)) + (s.ReleasePremium(m.Id, t) * r);
            }
        }
        return premium;
    }

    /// <summary>
    /// Checks fiscal, budget and the reported L[s]; returns L[c,s] and the duty levied by c
    /// (instance order).
    /// </summary>
    private static (double[] Losses, double[] Duties) CheckCosts(CheckContext ctx, ScenarioView s)
    {
        var countries = ctx.Instance.Countries;
        foreach (var reported in s.Path.FiscalCost.Where(f => countries.All(c => c.Id != f.Country)))
        {
            ctx.Report(s.Row("fiscal", reported.Country), "refers to nothing in the instance");
        }
        var losses = new double[countries.Count];
        var duties = new double[countries.Count];
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
            duties[i] = Duty(ctx, s, c.Id);
            double[] loss =
            [
                Damage(ctx, s, c.Id),
                TerminalValue(ctx, s, c.Id),
                ctx.EconomyView ? UsersPremium(ctx, s, c.Id) : 0,
                ctx.EconomyView ? duties[i] : 0,
            ];
            losses[i] = f + loss.Sum();
            scale += termScale + loss.Sum(Math.Abs);
        }
        var shortage = s.Path.Shortages.Sum(u => u.Tonnes.Sum());
        ctx.Agree(s.Row("loss"), s.Path.CostUsd, losses.Sum(), scale);
        ctx.Agree(s.Row("shortage-total"), s.Path.ShortageTonnes, shortage);
        ctx.Agree(s.Row("probability"), s.Path.Probability, s.Scenario.Probability);
        return (losses, duties);
    }

    /// <summary>
    /// Tie-breaking (when on): in scenario s, Σ_t Σ ε[m]·(e + f + r) over transfers, trade and
    /// releases, ε[m] = 1e-4·price_m; weighed by π_s in the objective.
    /// </summary>
    private static double TieBreakingMoves(CheckContext ctx, ScenarioView s)
    {
        if (!ctx.Economics.TieBreaking)
        {
            return 0;
        }
        double Epsilon(string m) => TieBreakingEpsilon * ctx.NormalPrice(m);
        var moved = s.Path.Transfers.Sum(e => Epsilon(e.Material) * e.Tonnes.Sum())
            + s.Path.Trade.Sum(f => Epsilon(f.Material) * f.Tonnes.Sum());
        var released = ctx.Pairs.Sum(p => Epsilon(p.Material) * Enumerable.Range(1, ctx.H).Sum(t => s.R(p.Country, p.Material, t)));
        return moved + released;
    }

    /// <summary>Tie-breaking on the first stage: Σ ε[m]·x[c,m].</summary>
    private static double TieBreakingStock(CheckContext ctx) =>
        ctx.Economics.TieBreaking ? ctx.X.Sum(e => TieBreakingEpsilon * ctx.NormalPrice(e.Key.Item2) * e.Value) : 0;

    /// <summary>ε per USD of normal price: a hundredth of a per cent (docs/model.md, tie-breaking).</summary>
    private const double TieBreakingEpsilon = 1e-4;

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

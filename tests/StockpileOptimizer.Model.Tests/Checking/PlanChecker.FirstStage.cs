namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>Rows on the policy alone: storage and coverage (holdings plus x), tier, commitment bounds, investment shares.</summary>
internal static partial class PlanChecker
{
    private static void CheckStockpiles(CheckContext ctx)
    {
        foreach (var ((c, m), x) in ctx.X)
        {
            ctx.NonNegative(CheckContext.Row("x", c, m), x);
        }
        foreach (var target in ctx.Targets)
        {
            ctx.Agree(CheckContext.Row("existing", target.Country, target.Material),
                target.ExistingTonnes, ctx.G0.GetValueOrDefault((target.Country, target.Material)));
        }
        foreach (var country in ctx.Instance.Countries)
        {
            // Σ_m (G0 + x) over every material of the country.
            var held = ctx.Instance.Materials.Select(m => ctx.Opening(country.Id, m.Id)).ToList();
            ctx.Le(CheckContext.Row("storage", country.Id), held.Sum(), country.StorageTonnes, held.Sum(Math.Abs));
        }
        foreach (var floor in ctx.Instance.Policy.CoverageFloors)
        {
            ctx.Ge(CheckContext.Row("coverage", floor.Country, floor.Material),
                ctx.Opening(floor.Country, floor.Material),
                floor.MonthsOfDemand() * DemandPerMonth(ctx, floor.Country, floor.Material, floor.Basis));
        }
    }

    /// <summary>
    /// Dbasis[c,m] = mean_t Σ_{k in the basis} demand(c,m,k)[t] / monthsPerPeriod (unscaled data):
    /// the defence sectors, or all sectors.
    /// </summary>
    private static double DemandPerMonth(CheckContext ctx, string country, string material, CoverageBasis basis)
    {
        var counted = ctx.Instance.Sectors.Where(k => basis == CoverageBasis.All || k.Defence).Select(k => k.Id).ToHashSet();
        var perPeriod = Enumerable.Range(0, ctx.H).Select(t => ctx.Demands[(country, material)]
            .Where(d => counted.Contains(d.Sector)).Sum(d => CheckContext.At(d.TonnesPerPeriod, t)));
        return ctx.H == 0 ? 0 : perPeriod.Average() / ctx.Instance.Horizon.MonthsPerPeriod;
    }

    private static void CheckTiers(CheckContext ctx)
    {
        foreach (var (key, choice) in ctx.Tiers)
        {
            var row = CheckContext.Row("tier", key);
            if (!ctx.Responses.ContainsKey(key))
            {
                ctx.Report(row, $"tier '{choice.Tier}' chosen where there is no private-stock response (no y exists)");
            }
            else if (!ctx.TierIndex.TryGetValue(choice.Tier, out var tier))
            {
                ctx.Report(row, $"unknown tier '{choice.Tier}'");
            }
            else
            {
                var rate = ctx.Instance.Tiers[tier].Rate;
                var induced = CheckContext.At(ctx.Responses[key].TonnesByTier, tier);
                if (Math.Abs(choice.Rate - rate) > ctx.Tol || Math.Abs(choice.InducedTonnes - induced) > ctx.Tol * Math.Max(1, induced))
                {
                    ctx.Report(row, $"reported rate {CheckContext.Num(choice.Rate)} / induced {CheckContext.Num(choice.InducedTonnes)} t "
                        + $"≠ data {CheckContext.Num(rate)} / {CheckContext.Num(induced)} t for tier '{choice.Tier}'");
                }
            }
        }
        foreach (var key in ctx.Responses.Keys.Where(k => !ctx.Tiers.ContainsKey(k)))
        {
            ctx.Report(CheckContext.Row("tier", key), "lhs Σ y 0 ≠ rhs 1 (no tier chosen)");
        }
    }

    private static void CheckCommitments(CheckContext ctx)
    {
        foreach (var (id, commitment) in ctx.Commitments)
        {
            var p = ctx.ProducersById[id];
            if (commitment.Country != p.Country)
            {
                ctx.Report(CheckContext.Row("commitment", id), $"reported for {commitment.Country}, but the producer is in {p.Country}");
            }
            ctx.NonNegative(CheckContext.Row("q", id), commitment.TonnesPerPeriod);
            ctx.Le(CheckContext.Row("commitment", id), commitment.TonnesPerPeriod, p.MaxCommitmentTonnesPerPeriod);
        }
    }

    /// <summary>Payers of g with share bounds: JOINT the partners; else (no partners, or INDEPENDENT) null: the host alone.</summary>
    private static IReadOnlyList<CostShare>? Partners(CheckContext ctx, Investment g) =>
        ctx.Joint && g.Partners.Count > 0 ? g.Partners : null;

    private static void CheckInvestments(CheckContext ctx)
    {
        foreach (var g in ctx.Instance.Investments)
        {
            if (!ctx.ProducersById.ContainsKey(g.Producer))
            {
                ctx.Report(CheckContext.Row("investment", g.Id), $"producer '{g.Producer}' is not in the instance");
            }
            var shares = ctx.Decisions.TryGetValue(g.Id, out var d) ? d.CostShares : [];
            var partners = Partners(ctx, g);
            var payers = partners?.Select(c => c.Country).ToHashSet()
                ?? [ctx.ProducersById.TryGetValue(g.Producer, out var host) ? host.Country : ""];
            var cost = ctx.Built(g.Id) ? g.CapexUsd : 0;
            foreach (var share in shares)
            {
                ctx.NonNegative(CheckContext.Row("w", share.Country, g.Id), share.Usd, g.CapexUsd);
                if (!payers.Contains(share.Country) && Math.Abs(share.Usd) > ctx.Tol * Math.Max(1, g.CapexUsd))
                {
                    var who = partners is null ? "only the host pays" : "not a partner";
                    var mode = ctx.Joint ? "JOINT" : "INDEPENDENT";
                    ctx.Report(CheckContext.Row("cost-share", g.Id), $"{share.Country} pays {CheckContext.Num(share.Usd)}, but {who} ({mode} mode)");
                }
            }
            ctx.Eq(CheckContext.Row("cost-share", g.Id), shares.Sum(s => s.Usd), cost, shares.Sum(s => Math.Abs(s.Usd)));
            foreach (var partner in partners ?? [])
            {
                var w = shares.Where(s => s.Country == partner.Country).Sum(s => s.Usd);
                ctx.Ge(CheckContext.Row("share-min", partner.Country, g.Id), w, partner.MinShare * cost, g.CapexUsd);
                ctx.Le(CheckContext.Row("share-max", partner.Country, g.Id), w, partner.MaxShare * cost, g.CapexUsd);
            }
        }
    }

    /// <summary>w[c,g] as reported (payer or not: a non-payer's share is a violation already and still costs).</summary>
    private static double InvestmentOutlay(CheckContext ctx, string country) =>
        ctx.Decisions.Values.SelectMany(d => d.CostShares).Where(s => s.Country == country).Sum(s => s.Usd);
}

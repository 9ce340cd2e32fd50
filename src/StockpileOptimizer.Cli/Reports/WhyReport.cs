using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>
/// The "Why" section of a solve (docs/model.md, "Why"): one table per kind of first-stage
/// decision, then the materials that are never short. Each table is also a CSV (<c>--table
/// why_stockpiles</c>, …); JSON carries the explanation as the result's <c>explanation</c>.
/// </summary>
internal static class WhyReport
{
    /// <summary>Period lists longer than this are shortened to the first two, "…", and the last.</summary>
    private const int PeriodsShown = 3;

    public static void Add(Report report, PlanExplanation why)
    {
        report.Line("Why: a stockpile's marginal value is what one more tonne forced in would save (USD/t; negative: it costs more than it saves), "
            + "from the LP with tiers and builds fixed; a tier's steps by that LP re-solved; a build's value by a re-solve with it flipped");
        report.Table("why_stockpiles", "Why — stockpiles",
                new("country"), new("material"), new("added_tonnes", Unit.Tonnes), new("marginal_value_usd_per_tonne", Unit.Number),
                new("expected_released_tonnes", Unit.Tonnes), new("expected_shortage_tonnes", Unit.Tonnes), new("release_windows"))
            .AddRange(why.Stockpiles, s => [s.Country, s.Material, s.Tonnes, s.MarginalValueUsdPerTonne, s.ExpectedReleasedTonnes,
                s.ExpectedShortageTonnes, string.Join("; ", s.Releases.Select(r => $"{r.Scenario} {Periods(r.Periods)} {Cells.Num(r.Tonnes)} t"))]);
        report.Table("why_tiers", "Why — tax-credit tiers",
                new("country"), new("material"), new("tier"), new("cost_usd", Unit.Usd), new("induced_tonnes", Unit.Tonnes),
                new("up_tier"), new("up_extra_cost_usd", Unit.Usd), new("up_extra_induced_tonnes", Unit.Tonnes), new("up_objective_change_usd", Unit.Usd),
                new("down_tier"), new("down_extra_cost_usd", Unit.Usd), new("down_extra_induced_tonnes", Unit.Tonnes), new("down_objective_change_usd", Unit.Usd))
            .AddRange(why.Tiers, t => [t.Country, t.Material, t.Tier, t.CostUsd, t.InducedTonnes, .. Step(t.Up), .. Step(t.Down)]);
        report.Table("why_commitments", "Why — buyer-of-last-resort commitments",
                new("country"), new("producer"), new("tonnes_per_period", Unit.Tonnes), new("expected_floor_payments_usd", Unit.Usd),
                new("fee_usd", Unit.Usd), new("capacity_kept_alive"))
            .AddRange(why.Commitments, c => [c.Country, c.Producer, c.TonnesPerPeriod, c.ExpectedFloorPaymentsUsd, c.ExpectedFeeUsd,
                string.Join("; ", c.CapacityKeptAlive.Select(k => $"{k.Scenario} {Periods(k.Periods)} {Cells.Num(k.TonnesPerPeriod)} t/period"))]);
        report.Table("why_builds", "Why — investments",
                new("investment"), new("build", Unit.YesNo), new("value_usd", Unit.Usd), new("objective_if_flipped_usd", Unit.Usd), new("flipped_termination"))
            .AddRange(why.Investments, b => [b.Investment, b.Build, b.ValueUsd, b.ObjectiveIfFlippedUsd, b.Termination]);
        report.Table("never_short", "Never short",
                new("country"), new("material"), new("reason"), new("detail"))
            .AddRange(why.NeverShort, n => [n.Country, n.Material, n.Reason, n.Detail]);
    }

    /// <summary>The four cells of a tier step; all empty at the top or bottom tier.</summary>
    private static object?[] Step(TierStep? step) =>
        step is null ? [null, null, null, null] : [step.Tier, step.ExtraCostUsd, step.ExtraInducedTonnes, step.ObjectiveChangeUsd];

    /// <summary>"2027Q1, 2027Q2" or, when long, "2027Q1, 2027Q2, …, 2028Q4 (8 periods)".</summary>
    public static string Periods(IReadOnlyList<string> periods) =>
        periods.Count <= PeriodsShown
            ? string.Join(", ", periods)
            : $"{periods[0]}, {periods[1]}, …, {periods[^1]} ({periods.Count} periods)";
}

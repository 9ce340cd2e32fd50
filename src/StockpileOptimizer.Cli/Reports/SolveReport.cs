using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>A solve as a report: the solver's facts, then the plan, its costs, the scenarios, the shadow prices (or the diagnosis) and why.</summary>
internal static class SolveReport
{
    public static Report Build(StockpileInstance instance, SolveResult result)
    {
        var f = result.Solver;
        var report = new Report("solve", result) { Primary = "stockpiles" };
        report.Line($"{instance.Name} — {instance.Policy.Mode} mode, {instance.Scenarios.Count} scenarios, {instance.Horizon.Periods} periods");
        report.Line($"status {f.Termination}  solver {f.Solver}  objective {Cells.Usd(f.Objective)}"
            + (f.TieBreakUsd != 0 ? $" (of which tie-breaking {Cells.Usd(f.TieBreakUsd)})" : "") + $"  gap {Cells.Percent(f.Gap)}  "
            + $"time {f.WallSeconds:F2}s (build {f.BuildSeconds:F2}, solve {f.SolveSeconds:F2}, extract {f.ExtractSeconds:F2})  nodes {f.Nodes}  ({f.Variables} variables, {f.Rows} rows)");
        report.Line($"fingerprint {result.Fingerprint}");
        if (f.Message.Length > 0)
        {
            report.Line(f.Message);
        }
        if (result.Diagnosis is { } diagnosis)
        {
            AddDiagnosis(report, diagnosis);
        }
        if (result.Policy is { } policy)
        {
            AddPolicy(report, policy);
        }
        if (result.Kpis is { } kpis)
        {
            report.Table("costs", "Expected cost", new("component"), new("usd", Unit.Usd))
                .AddRange(kpis.ExpectedCostByComponent, c => [c.Component, c.Usd])
                .Add("total", kpis.ExpectedCostUsd);
            report.Line($"expected shortage {Cells.Num(kpis.ExpectedShortageTonnes)} t; CVaR shortage {Cells.Num(kpis.CvarShortageTonnes)} t; CVaR cost {Cells.Usd(kpis.CvarCostUsd)}");
            report.Table("budgets", "Budgets", new("country"), new("budget_usd", Unit.Usd), new("expected_outlay_usd", Unit.Usd), new("worst_outlay_usd", Unit.Usd))
                .AddRange(kpis.BudgetUse, b => [b.Country, b.BudgetUsd, b.ExpectedOutlayUsd, b.WorstOutlayUsd]);
            if (kpis.ExpectedTariffRevenue.Count > 0)
            {
                report.Line("expected tariff revenue (reported, not in the loss): "
                    + string.Join("; ", kpis.ExpectedTariffRevenue.Select(r => $"{r.Country} {Cells.Usd(r.Usd)}")));
            }
        }
        if (result.Policy is not null)
        {
            report.Table("scenarios", "Scenarios", new("scenario"), new("probability", Unit.Number), new("cost_usd", Unit.Usd), new("shortage_tonnes", Unit.Tonnes))
                .AddRange(result.Scenarios, s => [s.Scenario, s.Probability, s.CostUsd, s.ShortageTonnes]);
        }
        if (result.ShadowPrices is { } shadow)
        {
            report.Table("shadow_prices", $"Shadow prices ({shadow.Solver}, integers fixed)",
                    new("country"), new("storage_usd_per_tonne", Unit.Number), new("budget_usd_per_usd", Unit.Number))
                .AddRange(shadow.Storage, st => [st.Country, st.UsdPerTonne, shadow.Budgets.Where(b => b.Country == st.Country).Sum(b => b.UsdPerUsd)]);
        }
        if (result.Explanation is { } why)
        {
            WhyReport.Add(report, why);
        }
        return report;
    }

    /// <summary>The plan's tables: stockpiles, tiers, commitments, investments.</summary>
    public static void AddPolicy(Report report, Policy policy)
    {
        report.Table("stockpiles", "Strategic stockpiles (holdings at the start + stock the plan adds)",
                new("country"), new("material"), new("existing_tonnes", Unit.Tonnes), new("added_tonnes", Unit.Tonnes),
                new("total_tonnes", Unit.Tonnes), new("months_of_cover", Unit.Number))
            .AddRange(policy.Stockpiles, s => [s.Country, s.Material, s.ExistingTonnes, s.Tonnes, s.ExistingTonnes + s.Tonnes, s.MonthsOfCover]);
        report.Table("tiers", "Tax-credit tiers", new("country"), new("material"), new("tier"), new("rate", Unit.Fraction), new("induced_tonnes", Unit.Tonnes))
            .AddRange(policy.Tiers, t => [t.Country, t.Material, t.Tier, t.Rate, t.InducedTonnes]);
        report.Table("commitments", "Buyer-of-last-resort commitments", new("country"), new("producer"), new("tonnes_per_period", Unit.Tonnes))
            .AddRange(policy.Commitments, c => [c.Country, c.Producer, c.TonnesPerPeriod]);
        report.Table("investments", "Investments", new("investment"), new("build", Unit.YesNo), new("cost_shares"))
            .AddRange(policy.Investments, i => [i.Investment, i.Build,
                string.Join("; ", i.CostShares.Where(s => s.Usd > 0).Select(s => $"{s.Country} {Cells.Usd(s.Usd)}"))]);
    }

    private static void AddDiagnosis(Report report, InfeasibilityDiagnosis diagnosis)
    {
        report.Line(diagnosis.Summary);
        report.Line($"conflicting families: {string.Join(", ", diagnosis.ConflictingFamilies)}");
        report.Table("relaxation_alone", "Relaxation needed, each family alone", new("family"), new("restores", Unit.YesNo), new("total", Unit.Number), new("unit"))
            .AddRange(diagnosis.Alone, a => [a.Family, a.RestoresFeasibility, a.TotalAmount, a.Unit]);
        report.Table("relaxation_combined", "Least-cost relaxation, all families together", new("row"), new("amount", Unit.Number), new("unit"))
            .AddRange(diagnosis.Combined, r => [r.Row, r.Amount, r.Unit]);
        report.Primary = "relaxation_alone";
    }
}

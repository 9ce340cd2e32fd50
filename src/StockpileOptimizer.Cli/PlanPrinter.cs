using System.Globalization;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli;

/// <summary>The plan as plain-text tables a planner can read in a terminal or a log.</summary>
internal static class PlanPrinter
{
    public static void Print(StockpileInstance instance, SolveResult result, TextWriter w)
    {
        var f = result.Solver;
        w.WriteLine($"{instance.Name} — {instance.Policy.Mode} mode, {instance.Scenarios.Count} scenarios, {instance.Horizon.Periods} periods");
        w.WriteLine($"status {f.Termination}  solver {f.Solver}  objective {Usd(f.Objective)}  gap {f.Gap:P3}  time {f.WallSeconds:F2}s (build {f.BuildSeconds:F2}, solve {f.SolveSeconds:F2}, extract {f.ExtractSeconds:F2})  nodes {f.Nodes}  ({f.Variables} variables, {f.Rows} rows)");
        w.WriteLine($"fingerprint {result.Fingerprint}");
        if (f.Message.Length > 0)
        {
            w.WriteLine(f.Message);
        }
        if (result.Diagnosis is { } diagnosis)
        {
            PrintDiagnosis(diagnosis, w);
        }
        if (result.Policy is not { } policy)
        {
            return;
        }
        Table(w, "Strategic stockpiles", ["country", "material", "tonnes", "months of cover"],
            policy.Stockpiles.Select(s => new[] { s.Country, s.Material, Num(s.Tonnes), Num(s.MonthsOfCover) }));
        Table(w, "Tax-credit tiers", ["country", "material", "tier", "rate", "induced tonnes"],
            policy.Tiers.Select(t => new[] { t.Country, t.Material, t.Tier, t.Rate.ToString("P0", CultureInfo.InvariantCulture), Num(t.InducedTonnes) }));
        Table(w, "Buyer-of-last-resort commitments", ["country", "producer", "tonnes/period"],
            policy.Commitments.Select(c => new[] { c.Country, c.Producer, Num(c.TonnesPerPeriod) }));
        Table(w, "Investments", ["investment", "build", "cost shares"],
            policy.Investments.Select(i => new[] { i.Investment, i.Build ? "yes" : "no",
                string.Join(", ", i.CostShares.Where(s => s.Usd > 0).Select(s => $"{s.Country} {Usd(s.Usd)}")) }));
        if (result.Kpis is { } kpis)
        {
            Table(w, "Expected cost", ["component", "USD"],
                kpis.ExpectedCostByComponent.Select(c => new[] { c.Component, Usd(c.Usd) })
                    .Append(["total", Usd(kpis.ExpectedCostUsd)]));
            w.WriteLine($"expected shortage {Num(kpis.ExpectedShortageTonnes)} t; CVaR shortage {Num(kpis.CvarShortageTonnes)} t; CVaR cost {Usd(kpis.CvarCostUsd)}");
            Table(w, "Budgets", ["country", "budget", "expected outlay", "worst outlay"],
                kpis.BudgetUse.Select(b => new[] { b.Country, Usd(b.BudgetUsd), Usd(b.ExpectedOutlayUsd), Usd(b.WorstOutlayUsd) }));
        }
        Table(w, "Scenarios", ["scenario", "probability", "cost", "shortage t"],
            result.Scenarios.Select(s => new[] { s.Scenario, Num(s.Probability), Usd(s.CostUsd), Num(s.ShortageTonnes) }));
        if (result.ShadowPrices is { } shadow)
        {
            Table(w, $"Shadow prices ({shadow.Solver}, integers fixed)", ["country", "storage USD/t", "budget USD/USD (expected-weighted sum)"],
                shadow.Storage.Select(st => new[] { st.Country, Num(st.UsdPerTonne),
                    Num(shadow.Budgets.Where(b => b.Country == st.Country).Sum(b => b.UsdPerUsd)) }));
        }
    }

    private static void PrintDiagnosis(InfeasibilityDiagnosis diagnosis, TextWriter w)
    {
        w.WriteLine(diagnosis.Summary);
        w.WriteLine($"conflicting families: {string.Join(", ", diagnosis.ConflictingFamilies)}");
        Table(w, "Relaxation needed, each family alone", ["family", "restores", "total", "unit"],
            diagnosis.Alone.Select(a => new[] { a.Family, a.RestoresFeasibility ? "yes" : "no", Num(a.TotalAmount), a.Unit }));
        Table(w, "Least-cost relaxation, all families together", ["row", "amount", "unit"],
            diagnosis.Combined.Select(r => new[] { r.Row, Num(r.Amount), r.Unit }));
    }

    private static void Table(TextWriter w, string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        w.WriteLine();
        w.WriteLine(title);
        if (all.Count == 0)
        {
            w.WriteLine("  (none)");
            return;
        }
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Max(r => r[i].Length))).ToArray();
        w.WriteLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))));
        w.WriteLine("  " + string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var row in all)
        {
            w.WriteLine("  " + string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
        }
    }

    private static string Num(double x) => x.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Usd(double x) => double.IsNaN(x) ? "—" : "$" + x.ToString("#,0", CultureInfo.InvariantCulture);
}

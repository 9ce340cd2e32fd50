using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>The frontier as a report: one row per swept value, and the stockpiles each value buys.</summary>
internal static class FrontierReport
{
    public static Report Build(FrontierResult result)
    {
        var report = new Report("frontier", result) { Primary = "points" };
        var frontier = result.Points.Count(p => p.NonDominated);
        report.Line($"frontier over {Name(result.Parameter)}: {result.Points.Count} points, {frontier} non-dominated ({result.CostAxis} against {result.RiskAxis})");
        // The analysis's message repeats the counts unless something went wrong.
        if (result.Message.Length > 0 && (result.Cancelled || result.Points.Any(p => p.ObjectiveUsd is null)))
        {
            report.Line(result.Message);
        }
        report.Table("points", "Points",
                new("value", Unit.Number), new("termination"), new("objective_usd", Unit.Usd), new("expected_cost_usd", Unit.Usd),
                new("expected_fiscal_usd", Unit.Usd), new("expected_shortage_tonnes", Unit.Tonnes), new("cvar_shortage_tonnes", Unit.Tonnes),
                new("cvar_cost_usd", Unit.Usd), new("gap", Unit.Fraction), new("wall_seconds", Unit.Seconds), new("warm_started", Unit.YesNo),
                new("non_dominated", Unit.YesNo))
            .AddRange(result.Points, p => [p.Value, p.Termination, p.ObjectiveUsd, p.ExpectedCostUsd, p.ExpectedFiscalUsd,
                p.ExpectedShortageTonnes, p.CvarShortageTonnes, p.CvarCostUsd, p.Gap, p.WallSeconds, p.WarmStarted, p.NonDominated]);
        var stockpiles = report.Table("stockpiles", "Stockpiles at each value", new("value", Unit.Number), new("country"), new("material"), new("tonnes", Unit.Tonnes));
        foreach (var point in result.Points)
        {
            stockpiles.AddRange(point.Policy?.Stockpiles ?? [], s => [point.Value, s.Country, s.Material, s.Tonnes]);
        }
        return report;
    }

    public static string Name(FrontierParameter parameter) => parameter == FrontierParameter.BudgetScale ? "the budget scale" : "the risk weight λ";
}

using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>Sampled (and reduced) scenarios as a report: one row per scenario with its events.</summary>
internal static class ScenariosReport
{
    /// <summary>The JSON document of <c>scenarios --format json</c>; its "scenarios" list is what <c>evaluate --scenarios</c> reads.</summary>
    public sealed record Document(
        string Source, int Seed, int Sampled, int? ReducedTo, double? Distance, IReadOnlyList<int>? Kept, IReadOnlyList<Scenario> Scenarios);

    public static Report Build(Document document)
    {
        var report = new Report("scenarios", document) { Primary = "scenarios" };
        report.Line(document.Source);
        if (document.ReducedTo is { } k)
        {
            report.Line($"reduced {document.Sampled} to {k} by fast forward selection (Kantorovich distance {Cells.Num(document.Distance ?? 0)})");
        }
        report.Table("scenarios", "Scenarios",
                new("id"), new("probability", Unit.Number), new("demand_scale", Unit.Number), new("events", Unit.Count), new("name"))
            .ShowAtMost(EvaluationReport.HumanRows)
            .AddRange(document.Scenarios, s => [s.Id, s.Probability, s.DemandScale, s.Events.Count, s.Name]);
        return report;
    }
}

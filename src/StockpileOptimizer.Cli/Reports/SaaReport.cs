using System.Globalization;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>
/// A plan from sampled futures (<c>solve --samples N</c>) as a report: the method and why, the
/// SAA problem's bounds and gap, the plan's tables, the iterations (the last few for people),
/// and with replications the statistical gap and how stable the plan is across them.
/// </summary>
internal static class SaaReport
{
    /// <summary>Iterations shown to people (the last ones); CSV, JSON and --out have them all.</summary>
    public const int HumanIterations = 12;

    public static Report Build(StockpileInstance instance, string samples, SaaResult result)
    {
        var report = new Report("solve", result) { Primary = "stockpiles" };
        report.Line($"{instance.Name} — {instance.Policy.Mode} mode, sample-average approximation on {samples}, {instance.Horizon.Periods} periods");
        report.Line($"method {result.Method} ({result.MethodReason})");
        var iterations = result.Iterations.Count > 0 ? $"  iterations {result.Iterations.Count}  cut groups {result.CutGroups}" : "";
        report.Line($"status {result.Termination}  objective (upper bound) {Cells.Usd(result.ObjectiveUsd)}  lower bound {Cells.Usd(result.BoundUsd)}  "
            + $"gap {Cells.Percent(result.Gap)}{iterations}  time {result.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)}s");
        if (result.Message.Length > 0)
        {
            report.Line(result.Message);
        }
        if (result.Policy is { } policy)
        {
            SolveReport.AddPolicy(report, policy);
        }
        if (result.Iterations.Count > 0)
        {
            report.Table("iterations", "Benders iterations (bounds of the SAA problem)",
                    new("iteration", Unit.Count), new("phase"), new("lower_bound_usd", Unit.Usd), new("upper_bound_usd", Unit.Usd),
                    new("gap", Unit.Fraction), new("cuts", Unit.Count), new("seconds", Unit.Seconds))
                .ShowAtMost(HumanIterations, last: true)
                .AddRange(result.Iterations, i => [i.Iteration, i.Phase, i.LowerBoundUsd, i.UpperBoundUsd, i.Gap, i.Cuts, i.Seconds]);
        }
        if (result.Statistical is { } statistical)
        {
            AddStatistical(report, statistical, result.Message);
        }
        return report;
    }

    /// <param name="said">The result's message, printed already: the estimate's note is not repeated when it holds it.</param>
    private static void AddStatistical(Report report, StatisticalGap g, string said)
    {
        var level = Cells.Percent(g.ConfidenceLevel);
        report.Line($"statistical gap: {g.Replications} replications of {g.SamplesPerReplication} samples, the plan on {g.EvaluationSamples} fresh samples, "
            + $"one-sided {level} intervals: gap {Cells.Usd(g.GapUsd)} (at most {Cells.Usd(g.GapCiUsd)}), paired {Cells.Usd(g.PairedGapUsd)} (at most {Cells.Usd(g.PairedGapCiUsd)})");
        if (g.InfeasibleEvaluationSamples > 0 || g.InfeasiblePairedSamples > 0)
        {
            report.Line($"left out (the plan has no recourse): {g.InfeasibleEvaluationSamples} of the {g.EvaluationSamples} evaluation samples, "
                + $"{g.InfeasiblePairedSamples} of the replications' samples");
        }
        if (g.Message.Length > 0 && !said.Contains(g.Message, StringComparison.Ordinal))
        {
            report.Line(g.Message);
        }
        report.Table("statistical_gap", $"Optimality gap of the plan on the true distribution ({level} one-sided)",
                new("measure"), new("estimate_usd", Unit.Usd), new("ci_usd", Unit.Usd), new("meaning"))
            .Add("lower_bound", g.LowerBoundUsd, g.LowerBoundCiUsd, "mean of the replications' SAA lower bounds; CI: its lower end")
            .Add("upper_bound", g.UpperBoundUsd, g.UpperBoundCiUsd, "the plan's mean cost on the fresh samples; CI: its upper end")
            .Add("gap", g.GapUsd, g.GapCiUsd, "upper − lower; CI: upper CI − lower CI")
            .Add("paired_gap", g.PairedGapUsd, g.PairedGapCiUsd, "mean of (the plan − the SAA lower bound) on each replication's samples; CI: its upper end");
        report.Table("replications", "Replications' SAA lower bounds", new("replication", Unit.Count), new("objective_usd", Unit.Usd))
            .AddRange(g.ReplicationObjectivesUsd.Select((v, i) => (v, i)), r => [r.i + 1, r.v]);
        report.Table("stability_stockpiles", "Stability: each stockpile across the replications' plans",
                new("country"), new("material"), new("mean_tonnes", Unit.Tonnes), new("std_dev_tonnes", Unit.Tonnes),
                new("min_tonnes", Unit.Tonnes), new("max_tonnes", Unit.Tonnes))
            .AddRange(g.Stockpiles, s => [s.Country, s.Material, s.Mean, s.StandardDeviation, s.Min, s.Max]);
        report.Table("stability_choices", "Stability: share of the replications choosing each tier and build",
                new("kind"), new("country"), new("material"), new("item"), new("share", Unit.Fraction))
            .AddRange(g.Choices, c => [c.Kind, c.Country, c.Material, c.Item, c.Share]);
    }
}

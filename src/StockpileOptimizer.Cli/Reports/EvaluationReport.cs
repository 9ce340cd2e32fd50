using System.Globalization;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;

namespace StockpileOptimizer.Cli.Reports;

/// <summary>Out-of-sample evaluation as a report: the distributions, each sample, and VSS / EVPI when asked for.</summary>
internal static class EvaluationReport
{
    /// <summary>The JSON document of <c>evaluate --format json</c>.</summary>
    public sealed record Document(
        string PolicySource, Policy Policy, string SampleSource, EvaluationResult Evaluation,
        StochasticSolutionValue? Vss, PerfectInformationValue? Evpi);

    /// <summary>Sample rows shown to people; the rest are in the CSV and JSON.</summary>
    public const int HumanRows = 20;

    public static Report Build(Document document)
    {
        var e = document.Evaluation;
        var report = new Report("evaluate", document) { Primary = "summary" };
        report.Line($"policy: {document.PolicySource}");
        report.Line($"samples: {document.SampleSource}");
        report.Line($"{e.Samples} samples: {e.Feasible} feasible, {e.Infeasible} infeasible (probability {Cells.Percent(e.InfeasibleProbability)}), {e.Unsolved} unsolved"
            + $"; P(defence shortage) {Cells.Percent(e.DefenceShortageProbability)}");
        if (e.Cancelled && e.Message.Length > 0)
        {
            report.Line(e.Message);
        }
        var distributions = new (string Measure, Distribution? Value)[] { ("cost_usd", e.Cost), ("shortage_tonnes", e.Shortage), ("defence_shortage_tonnes", e.DefenceShortage) };
        var quantiles = distributions.Select(d => d.Value).OfType<Distribution>().FirstOrDefault()?.Quantiles.Select(q => q.Probability).ToArray() ?? [];
        var columns = new List<Column>
        {
            new("measure"), new("mean", Unit.Number), new("ci_lower", Unit.Number), new("ci_upper", Unit.Number),
            new("std_dev", Unit.Number), new("std_error", Unit.Number), new("cvar", Unit.Number), new("min", Unit.Number), new("max", Unit.Number),
        };
        columns.AddRange(quantiles.Select(p => new Column("q" + (p * 100).ToString("00.##", CultureInfo.InvariantCulture), Unit.Number)));
        var summary = report.Table("summary", $"Distribution over the feasible samples (CI at {Cells.Percent(e.Cost?.Interval?.Level)}, CVaR at α = {e.Cost?.CvarAlpha})", [.. columns]);
        foreach (var (measure, d) in distributions)
        {
            if (d is not null)
            {
                summary.Add([measure, d.Mean, d.Interval?.Lower, d.Interval?.Upper, d.StandardDeviation, d.StandardError, d.Cvar, d.Min, d.Max,
                    .. d.Quantiles.Select(q => (object?)q.Value)]);
            }
        }
        report.Table("samples", "Samples",
                new("index", Unit.Count), new("scenario"), new("weight", Unit.Number), new("termination"),
                new("cost_usd", Unit.Usd), new("shortage_tonnes", Unit.Tonnes), new("defence_shortage_tonnes", Unit.Tonnes))
            .ShowAtMost(HumanRows)
            .AddRange(e.Rows, r => [r.Index, r.Scenario, r.Weight, r.Termination, r.CostUsd, r.ShortageTonnes, r.DefenceShortageTonnes]);
        if (document.Vss is not null || document.Evpi is not null)
        {
            AddInformation(report, document.Vss, document.Evpi);
        }
        return report;
    }

    private static void AddInformation(Report report, StochasticSolutionValue? vss, PerfectInformationValue? evpi)
    {
        var table = report.Table("information", "Value of the stochastic solution and of perfect information (instance's own scenarios)",
            new("measure"), new("usd", Unit.Usd), new("meaning"));
        if (vss is not null)
        {
            table.Add("rp", vss.StochasticOptimumUsd, "stochastic optimum (the plan's objective)")
                .Add("ev", vss.ExpectedValueOptimumUsd, "optimum of the expected-value problem")
                .Add("eev", vss.ExpectedResultOfEvSolutionUsd, vss.ExpectedValuePolicyInfeasible ? "EV plan is infeasible in some scenario" : "EV plan on the scenarios")
                .Add("vss", vss.VssUsd, "EEV − RP: what planning for uncertainty is worth");
            if (vss.Message.Length > 0)
            {
                report.Line($"VSS: {vss.Message}");
            }
        }
        if (evpi is not null)
        {
            table.Add("ws", evpi.WaitAndSeeUsd, "wait-and-see: each future known in advance")
                .Add("evpi", evpi.EvpiUsd, "RP − WS: what perfect foresight would be worth");
            if (evpi.Message.Length > 0)
            {
                report.Line($"EVPI: {evpi.Message}");
            }
        }
    }
}

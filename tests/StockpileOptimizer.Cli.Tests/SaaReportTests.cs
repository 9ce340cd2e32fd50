using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;

using static StockpileOptimizer.Cli.Tests.ReportText;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>The SAA report's statistical section and its compact iteration table, on a result made by hand.</summary>
public sealed class SaaReportTests
{
    private static SaaResult WithStatistics(int iterations) => new()
    {
        Policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 60, 1.8)] },
        Method = "benders",
        MethodReason = "requested",
        Samples = 100,
        Seed = 3,
        Termination = Termination.Optimal,
        ObjectiveUsd = 1020,
        BoundUsd = 1019.5,
        Gap = 0.0005,
        Iterations = [.. Enumerable.Range(1, iterations).Select(k => new DecompositionIteration(k, "lp", 1000 + k, 1100 - k, (100 - 2.0 * k) / (1100 - k), 8, 0.1 * k))],
        CutGroups = 8,
        Statistical = new StatisticalGap
        {
            Replications = 4, SamplesPerReplication = 100, EvaluationSamples = 1000, ConfidenceLevel = 0.95,
            LowerBoundUsd = 1010, LowerBoundCiUsd = 1002, UpperBoundUsd = 1024, UpperBoundCiUsd = 1030,
            GapUsd = 14, GapCiUsd = 28, PairedGapUsd = 9, PairedGapCiUsd = 15,
            ReplicationObjectivesUsd = [1005, 1009, 1011, 1015],
            Stockpiles = [new StockpileSpread("A", "m", 58, 2.5, 55, 62)],
            Choices = [new ChoiceShare("tier", "A", "m", "0", 1), new ChoiceShare("build", "", "", "mine", 0.25)],
            InfeasibleEvaluationSamples = 2,
            Message = "replication seeds 2–5, evaluation seed 6",
        },
    };

    [Fact]
    public void The_statistical_gap_and_the_plans_stability_are_reported()
    {
        var report = SaaReport.Build(HandInstances.Newsvendor(), "100 scenarios sampled with seed 3", WithStatistics(3));
        var text = Plain(report);

        Assert.Contains("statistical gap: 4 replications of 100 samples, the plan on 1000 fresh samples, one-sided 95 % intervals: "
            + "gap $14 (at most $28), paired $9 (at most $15)", text, StringComparison.Ordinal);
        Assert.Contains("left out (the plan has no recourse): 2 of the 1000 evaluation samples, 0 of the replications' samples", text, StringComparison.Ordinal);
        Assert.Contains("replication seeds 2–5, evaluation seed 6", text, StringComparison.Ordinal);
        Assert.Equal(
            "measure,estimate_usd,ci_usd,meaning\n"
            + "lower_bound,1010,1002,mean of the replications' SAA lower bounds; CI: its lower end\n"
            + "upper_bound,1024,1030,the plan's mean cost on the fresh samples; CI: its upper end\n"
            + "gap,14,28,upper − lower; CI: upper CI − lower CI\n"
            + "paired_gap,9,15,mean of (the plan − the SAA lower bound) on each replication's samples; CI: its upper end\n",
            CsvOf(report, "statistical_gap"));
        Assert.Equal("country,material,mean_tonnes,std_dev_tonnes,min_tonnes,max_tonnes\nA,m,58,2.5,55,62\n", CsvOf(report, "stability_stockpiles"));
        Assert.Equal("kind,country,material,item,share\ntier,A,m,0,1\nbuild,,,mine,0.25\n", CsvOf(report, "stability_choices"));
        Assert.Equal(4, report.Tables.Single(t => t.Name == "replications").Rows.Count);
    }

    [Fact]
    public void People_see_the_last_iterations_and_csv_has_them_all()
    {
        var report = SaaReport.Build(HandInstances.Newsvendor(), "100 scenarios", WithStatistics(30) with { Statistical = null });
        var text = Plain(report);

        var table = report.Tables.Single(t => t.Name == "iterations");
        var (shown, omitted) = table.ForPeople();
        Assert.Equal(30, table.Rows.Count);
        Assert.Equal(Enumerable.Range(19, SaaReport.HumanIterations), shown.Select(r => (int)r[0]!));
        Assert.Equal("… 18 earlier rows: --format csv --table iterations, or --out DIR", omitted);
        Assert.Contains(omitted!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("statistical gap", text, StringComparison.Ordinal);
        Assert.Equal(31, CsvOf(report, "iterations").Split("\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

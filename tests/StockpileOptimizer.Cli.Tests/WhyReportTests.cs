using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using StockpileOptimizer.Cli.Commands;
using StockpileOptimizer.Cli.Output;
using StockpileOptimizer.Cli.Reports;
using StockpileOptimizer.Domain;
using static StockpileOptimizer.TestData.HandInstances;

using static StockpileOptimizer.Cli.Tests.ReportText;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// <c>--explain</c>/<c>--no-explain</c>, and the "Why" tables of a solve report: rendered from a
/// hand-built result (every kind of row), and from the engine on the newsvendor.
/// </summary>
public sealed class WhyReportTests : CliFixture
{
    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--explain" }, true)]
    [InlineData(new[] { "--no-explain" }, false)]
    public void Explain_is_the_default_and_no_explain_turns_it_off(string[] args, bool expected)
    {
        var input = new ExplainInput();
        var command = new Command("solve");
        input.AddTo(command);

        Assert.Equal(expected, input.Read(command.Parse(args)));
    }

    [Fact]
    public void Explain_and_no_explain_together_are_a_usage_error()
    {
        var run = Run("solve", Write("newsvendor.json", Newsvendor(damage: 30)), "--explain", "--no-explain");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains("--explain and --no-explain: give one of them", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_why_tables_show_every_decision_with_its_numbers()
    {
        var text = Plain(SolveReport.Build(Instance(), Result()));

        // Holdings 40 t + 60 t added = 100 t.
        Assert.Matches(@"A\s+m\s+40\s+60\s+100\s+2\.5", text);
        Assert.Contains("expected tariff revenue (reported, not in the loss): A $243", text, StringComparison.Ordinal);
        Assert.Contains("Why — stockpiles", text, StringComparison.Ordinal);
        Assert.Matches(@"A\s+m\s+60\s+12\.5\s+20\s+1\.5\s+halt 2026Q1, 2026Q2, …, 2026Q4 \(4 periods\) 20 t", text);
        // Tier 0 chosen: the step up to 10 costs $150 more, induces 8 t more and changes the objective by $42 (42.25).
        Assert.Matches(@"A\s+m\s+0\s+\$0\s+0\s+10\s+\$150\s+8\s+\$42\s+—\s+—\s+—\s+—", text);
        // The step down from 10 could not be re-solved (NaN): no value.
        Assert.Matches(@"B\s+m\s+10\s+\$150\s+8\s+—\s+—\s+—\s+—\s+0\s+-\$150\s+-8\s+—", text);
        Assert.Matches(@"A\s+p\s+20\s+\$17\s+\$20\s+halt 2026Q2 20 t/period", text);
        Assert.Matches(@"g\s+yes\s+\$765\s+\$2,000\s+Optimal", text);
        Assert.Matches(@"h\s+no\s+—\s+—\s+Infeasible", text);
        Assert.Matches(@"Never short\s+country\s+material\s+reason\s+detail\s+[- ]+\s+B\s+m\s+imports\s+imports cover 100 % in halt", text);
    }

    [Fact]
    public void Each_why_table_is_a_csv_with_raw_numbers()
    {
        var report = SolveReport.Build(Instance(), Result());

        var stockpiles = Csv.Parse(CsvOf(report, "why_stockpiles"));
        var tiers = Csv.Parse(CsvOf(report, "why_tiers"));
        var builds = Csv.Parse(CsvOf(report, "why_builds"));

        Assert.Equal(["country", "material", "added_tonnes", "marginal_value_usd_per_tonne", "expected_released_tonnes", "expected_shortage_tonnes", "release_windows"],
            Csv.Header(CsvOf(report, "why_stockpiles")));
        Assert.Equal("12.5", stockpiles.Single()["marginal_value_usd_per_tonne"]);
        Assert.Equal("42.25", tiers[0]["up_objective_change_usd"]);
        Assert.Equal("", tiers[0]["down_tier"]);
        Assert.Equal("", tiers[1]["down_objective_change_usd"]);
        Assert.Equal(["765.25", ""], builds.Select(b => b["value_usd"]));
        Assert.Equal(["commitments", "why_commitments", "never_short"], report.Tables.Select(t => t.Name).Where(n => n.Contains("commitments") || n == "never_short"));
    }

    [Fact]
    public void Json_carries_the_explanation()
    {
        var json = JsonNode.Parse(ReportWriter.Json(SolveReport.Build(Instance(), Result())))!;

        Assert.Equal(12.5, (double)json["explanation"]!["stockpiles"]![0]!["marginalValueUsdPerTonne"]!);
        Assert.Equal(40, (double)json["policy"]!["stockpiles"]![0]!["existingTonnes"]!);
        Assert.Equal("imports", (string?)json["explanation"]!["neverShort"]![0]!["reason"]);
    }

    [Fact]
    public void Without_an_explanation_there_is_no_why_section()
    {
        var report = SolveReport.Build(Instance(), Result() with { Explanation = null });

        Assert.DoesNotContain(report.Tables, t => t.Name.StartsWith("why_", StringComparison.Ordinal));
        Assert.DoesNotContain("Why", Plain(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_solve_explains_the_newsvendor_unless_told_not_to()
    {
        // 60 t stocked, the halt's whole shortfall: a 61st tonne would never be released and
        // costs acquisition + holding = 12, so its marginal value is −12; the expected release
        // is 0.5 (halt) × 60 t = 30 t; nothing stays short.
        var path = Write("newsvendor.json", Newsvendor(damage: 30));

        var explained = Json<SolveResult>(Run("solve", path, "--json", "-q").Stdout);
        var plain = Json<SolveResult>(Run("solve", path, "--json", "-q", "--no-explain").Stdout);

        var why = Assert.Single(explained.Explanation!.Stockpiles);
        Assert.Equal(60, why.Tonnes, 6);
        Assert.Equal(-12, why.MarginalValueUsdPerTonne, 6);
        Assert.Equal(30, why.ExpectedReleasedTonnes, 6);
        Assert.Equal(0, why.ExpectedShortageTonnes, 6);
        Assert.Null(plain.Explanation);
        Assert.Equal(explained.Solver.Objective, plain.Solver.Objective, 6);
    }

    private static StockpileInstance Instance() => Newsvendor(damage: 30) with { Horizon = new Horizon { Periods = 4, Start = "2026Q1" } };

    private static SolveResult Result() => new()
    {
        Solver = new SolverFacts { Termination = Termination.Optimal, Solver = "SCIP", Objective = 1234.5, BestBound = 1234.5, Gap = 0 },
        Policy = new Policy { Stockpiles = [new StockpileTarget("A", "m", 60, 2.5) { ExistingTonnes = 40 }] },
        Kpis = new Kpis { ExpectedCostUsd = 1234.5, ExpectedTariffRevenue = [new CountryAmount("A", 243.25)] },
        Explanation = new PlanExplanation
        {
            Stockpiles = [new StockpileWhy("A", "m", 60, 12.5, 20, 1.5, [new ReleaseWindow("halt", ["2026Q1", "2026Q2", "2026Q3", "2026Q4"], 20)])],
            Tiers =
            [
                new TierWhy("A", "m", "0", 0, 0, new TierStep("10", 150, 8, 42.25), null),
                new TierWhy("B", "m", "10", 150, 8, null, new TierStep("0", -150, -8, double.NaN)),
            ],
            Commitments = [new CommitmentWhy("A", "p", 20, 17.25, 20, [new CapacityKept("halt", ["2026Q2"], 20)])],
            Investments = [new BuildWhy("g", true, 2000, 765.25, "Optimal"), new BuildWhy("h", false, double.NaN, double.NaN, "Infeasible")],
            NeverShort = [new NeverShort("B", "m", "imports", "imports cover 100 % in halt")],
        },
    };
}

using System.Globalization;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using static StockpileOptimizer.Cli.Tests.TestInstances;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>cooperation, frontier, evaluate: the analyses from the command line, on hand-solved instances.</summary>
public sealed class AnalysisCommandTests : CliFixture
{
    [Fact]
    public void Cooperation_reports_the_saving_and_its_even_split_between_twins()
    {
        var run = Run("cooperation", Write("twins.json", Twins()), "--format", "csv");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var shares = Csv.Parse(run.Stdout);
        Assert.Equal(["A", "B"], shares.Select(s => s["country"]));
        foreach (var share in shares)
        {
            // Alone 450 each; together 720: saving 180, Shapley 90 each, each bears 360.
            Assert.Equal(450, Number(share["stand_alone_cost_usd"]), 6);
            Assert.Equal(90, Number(share["shapley_usd"]), 6);
            Assert.Equal(360, Number(share["cost_after_split_usd"]), 6);
        }
        Assert.Contains("3/3 coalition ", run.Stderr, StringComparison.Ordinal); // one progress line per coalition
    }

    [Fact]
    public void Cooperation_json_is_the_full_result()
    {
        var run = Run("cooperation", Write("twins.json", Twins()), "--format", "json", "--parallel", "2");

        Assert.Equal(ExitCodes.Ok, run.Code);
        var result = Json<CooperationResult>(run.Stdout);
        Assert.Equal(180, result.SavingUsd!.Value, 6);
        Assert.Equal(3, result.Coalitions.Count);
    }

    [Fact]
    public void Too_many_countries_is_a_usage_error()
    {
        var run = Run("cooperation", Write("twins.json", Twins()), "--max-countries", "1");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains("limited to 1 countries", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Frontier_over_the_budget_buys_less_shortage_and_plots_it()
    {
        // Budget 480 × s buys x = 40·s tonnes up to 60 (a tonne costs 12): E[shortage] = 0.5·(60 − x)
        // = 30, 20, 10, 0 for s = 0, ½, 1, 1½ (docs/analyses.md, known answers), for a fiscal
        // outlay of 12·x = 0, 240, 480, 720.
        var svg = Path("frontier.svg");
        var run = Run("frontier", Write("newsvendor.json", Newsvendor(damage: 30, budget: 480)),
            "--parameter", "budget-scale", "--values", "0,0.5", "1", "1.5", "--format", "csv", "--plot", svg);

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var points = Csv.Parse(run.Stdout);
        Assert.Equal([0, 0.5, 1, 1.5], points.Select(p => Number(p["value"])));
        Assert.Equal([30, 20, 10, 0], points.Select(p => Math.Round(Number(p["expected_shortage_tonnes"]), 6)));
        Assert.All(points, p => Assert.Equal("true", p["non_dominated"]));
        Assert.Equal("optimal", points[0]["termination"]);
        Assert.Contains("4/4", run.Stderr, StringComparison.Ordinal);
        // The plot: one line joining the four non-dominated points in cost order, each at
        // (expected fiscal outlay, expected shortage) as read back through the axes' ticks.
        Assert.Equal([0, 240, 480, 720], points.Select(p => Math.Round(Number(p["expected_fiscal_usd"]), 6)));
        AssertFrontierLine(Images.AssertSvg(svg, 800, 500), points, "expected_fiscal_usd", "expected_shortage_tonnes");
    }

    [Fact]
    public void Frontier_over_the_risk_weight_takes_a_range_and_writes_an_svg()
    {
        var svg = Path("risk.svg");
        var outDir = Path("frontier");

        var run = Run("frontier", Write("newsvendor.json", Newsvendor(damage: 20)), "-p", "risk-weight", "--range", "0:2:3",
            "--plot", svg, "--width", "1000", "--height", "600", "--out", outDir, "--quiet");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.Contains("frontier over the risk weight λ: 3 points", run.Stdout, StringComparison.Ordinal);
        var points = Csv.Parse(File.ReadAllText(System.IO.Path.Combine(outDir, "points.csv")));
        Assert.Equal([0, 1, 2], points.Select(p => Number(p["value"])));
        Assert.True(File.Exists(System.IO.Path.Combine(outDir, "stockpiles.csv")));
        // λ = 0: 0.5·20 = 10 < 12, nothing stocked, expected cost 0.5·20·60 = 600 with the whole
        // 60 t short in the tail; λ ≥ 1 stocks the 60 t: 720, nothing short.
        Assert.Equal([600, 720, 720], points.Select(p => Math.Round(Number(p["expected_cost_usd"]), 6)));
        Assert.Equal([60, 0, 0], points.Select(p => Math.Round(Number(p["cvar_shortage_tonnes"]), 6)));
        AssertFrontierLine(Images.AssertSvg(svg, 1000, 600), points, "expected_cost_usd", "cvar_shortage_tonnes");
    }

    /// <summary>
    /// The plot's one line joins the non-dominated points in cost order at (cost, risk) as the
    /// CSV gives them, read back in data units through the axes' tick labels.
    /// </summary>
    private static void AssertFrontierLine(System.Xml.Linq.XDocument svg, IReadOnlyList<IReadOnlyDictionary<string, string>> points, string cost, string risk)
    {
        var (x, y) = (Svg.BottomAxis(svg), Svg.LeftAxis(svg));
        var plotted = Assert.Single(Svg.Lines(svg)).Pixels.Select(p => (X: x(p.X), Y: y(p.Y))).ToArray();
        var expected = points.Where(p => p["non_dominated"] == "true")
            .Select(p => (X: Number(p[cost]), Y: Number(p[risk]))).OrderBy(p => p.X).ThenByDescending(p => p.Y).ToArray();
        Assert.Equal(expected.Length, plotted.Length);
        Assert.All(expected.Zip(plotted), pair =>
        {
            Assert.Equal(pair.First.X, pair.Second.X, 0.5);
            Assert.Equal(pair.First.Y, pair.Second.Y, 0.05);
        });
    }

    [Theory]
    [InlineData("--values", "1", "--range", "0:1:2")]
    [InlineData("--range", "0:1")]
    [InlineData("--values", "-1")]
    [InlineData("--values", "x")]
    [InlineData("--parameter", "budget")]
    public void Frontier_rejects_bad_sweeps_as_usage_errors(params string[] sweep)
    {
        var run = Run(["frontier", Write("newsvendor.json", Newsvendor(damage: 30)), .. sweep]);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.NotEmpty(run.Stderr);
    }

    [Fact]
    public void Evaluate_solves_then_samples_in_one_job_and_reports_an_interval_and_a_png()
    {
        var distribution = WriteText("distribution.json", NewsvendorDistributionJson);
        var png = Path("cost.png");

        var run = Run("evaluate", Write("newsvendor.json", Newsvendor(damage: 30)),
            "--samples", "40", "--seed", "7", "--distribution", distribution, "--plot", png, "--format", "json");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var document = Json<System.Text.Json.Nodes.JsonObject>(run.Stdout);
        var evaluation = document["evaluation"].Deserialize<EvaluationResult>();
        Assert.Equal(40, evaluation.Samples);
        Assert.Equal(40, evaluation.Feasible);
        // The 60 t plan covers every sampled halt that leaves at least 40 % of imports.
        Assert.NotNull(evaluation.Cost!.Interval);
        // One job: the solve that finds the plan, then the 40 samples.
        Assert.Contains("41/41", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1/41 solve of the instance", run.Stderr, StringComparison.Ordinal);
        Images.AssertPng(png, 800, 500);
    }

    [Fact]
    public void Evaluate_a_saved_policy_on_given_scenarios_reproduces_the_in_sample_cost()
    {
        // Evaluating a plan on its own scenarios gives the solve's expected cost back (720).
        var instance = Write("newsvendor.json", Newsvendor(damage: 30));
        var result = WriteText("result.json", Run("solve", instance, "--json").Stdout);

        var run = Run("evaluate", instance, "--policy", result, "--scenarios", instance, "--format", "csv", "--vss", "--evpi");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var cost = Csv.Parse(run.Stdout).Single(r => r["measure"] == "cost_usd");
        Assert.Equal(720, Number(cost["mean"]), 6);
        Assert.Contains("q50", Csv.Header(run.Stdout));
        Assert.DoesNotContain("solve of the instance", run.Stderr, StringComparison.Ordinal); // the plan came from the file
        var information = Csv.Parse(Run("evaluate", instance, "--policy", result, "--scenarios", instance, "--format", "csv", "--table", "information", "--vss", "--evpi", "-q").Stdout);
        // damage 30: RP 720, EV 360, EEV 810, VSS 90; WS 360, EVPI 360 (docs/analyses.md).
        Assert.Equal(90, Number(information.Single(r => r["measure"] == "vss")["usd"]), 4);
        Assert.Equal(360, Number(information.Single(r => r["measure"] == "evpi")["usd"]), 4);
    }

    [Fact]
    public void Evaluate_with_an_infeasible_instance_exits_4_without_evaluating()
    {
        var run = Run("evaluate", Write("newsvendor.json", Newsvendor(damage: 30)), "--samples", "5",
            "--distribution", WriteText("d.json", NewsvendorDistributionJson),
            "--set", "countries[0].budgetUsd=0", "--set", """policy.coverageFloors=[{"country": "A", "material": "m", "months": 12}]""");

        Assert.Equal(ExitCodes.Infeasible, run.Code);
        Assert.Contains("no plan to evaluate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_distribution_that_does_not_fit_the_instance_is_invalid_input_naming_the_field()
    {
        // The default distribution's supplier "china" is not an import source of the newsvendor.
        var run = Run("evaluate", Write("newsvendor.json", Newsvendor(damage: 30)), "--samples", "5");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("invalid input: the default distribution: supplier: 'china' is not an import source", run.Stderr, StringComparison.Ordinal);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

internal static class JsonNodeExtensions
{
    public static T Deserialize<T>(this System.Text.Json.Nodes.JsonNode? node) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(node, InstanceJson.Options)!;
}

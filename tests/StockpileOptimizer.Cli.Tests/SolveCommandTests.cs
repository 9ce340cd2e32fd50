using System.Globalization;
using StockpileOptimizer.Domain;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

public sealed class SolveCommandTests : CliFixture
{
    [Fact]
    public void Solve_prints_the_plan_of_an_instance_file_and_exits_zero()
    {
        var run = Run("solve", Write("newsvendor.json", Newsvendor(damage: 30)));

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.Contains("status Optimal", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Strategic stockpiles", run.Stdout, StringComparison.Ordinal);
        // The newsvendor optimum: 60 t at a cost of 720 (TestInstances.Newsvendor); no holdings, so 0 + 60 = 60.
        Assert.Matches(@"A\s+m\s+0\s+60\s+60\s", run.Stdout);
        Assert.Contains("$720", run.Stdout, StringComparison.Ordinal);
        // Not a terminal: progress is plain lines on stderr, never mixed into the tables.
        Assert.Contains("solve: building the model", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("building the model", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_round_trips_into_a_result_with_either_spelling()
    {
        var path = Write("newsvendor.json", Newsvendor(damage: 30));
        foreach (var flags in new[] { new[] { "--json" }, ["--format", "json"] })
        {
            var run = Run(["solve", path, .. flags]);

            Assert.Equal(ExitCodes.Ok, run.Code);
            Assert.Equal(720, Json<SolveResult>(run.Stdout).Solver.Objective, 6);
        }
    }

    [Fact]
    public void Csv_prints_one_table_with_stable_columns_and_out_writes_every_table()
    {
        var path = Write("newsvendor.json", Newsvendor(damage: 30));
        var outDir = Path("tables");

        var stockpiles = Run("solve", path, "--format", "csv", "--out", outDir);
        var costs = Run("solve", path, "--format", "csv", "--table", "costs", "--quiet");

        Assert.Equal(ExitCodes.Ok, stockpiles.Code);
        Assert.Equal(["country", "material", "existing_tonnes", "added_tonnes", "total_tonnes", "months_of_cover"], Csv.Header(stockpiles.Stdout));
        var row = Assert.Single(Csv.Parse(stockpiles.Stdout));
        Assert.Equal(60, double.Parse(row["added_tonnes"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(720, double.Parse(Csv.Parse(costs.Stdout).Single(r => r["component"] == "total")["usd"], CultureInfo.InvariantCulture), 6);
        Assert.Empty(costs.Stderr); // --quiet: no progress
        foreach (var table in new[] { "stockpiles", "tiers", "commitments", "investments", "costs", "budgets", "scenarios", "shadow_prices" })
        {
            Assert.True(File.Exists(System.IO.Path.Combine(outDir, table + ".csv")), table);
        }
        Assert.Contains("wrote " + System.IO.Path.Combine(outDir, "scenarios.csv"), stockpiles.Stderr, StringComparison.Ordinal);
        var scenarios = Csv.Parse(File.ReadAllText(System.IO.Path.Combine(outDir, "scenarios.csv")));
        Assert.Equal(["calm", "halt"], scenarios.Select(r => r["scenario"]));
        Assert.Equal("0", scenarios.Single(r => r["scenario"] == "halt")["shortage_tonnes"]);
    }

    [Fact]
    public void Set_overrides_change_the_instance_before_solving()
    {
        // Damage 20 < 12/0.5 = 24: stocking no longer pays, so the plan holds nothing and bears
        // the expected damage 0.5·60·20 = 600. The file never mentions riskWeight (left at its
        // default), and --set can still reach it.
        var path = Write("newsvendor.json", Newsvendor(damage: 30));

        var run = Run("solve", path, "--json", "--set", "demands[0].damageUsdPerTonne=20", "--set", "policy.riskWeight=0");

        Assert.Equal(ExitCodes.Ok, run.Code);
        var result = Json<SolveResult>(run.Stdout);
        Assert.Equal(600, result.Solver.Objective, 6);
        Assert.Equal(0, result.Policy!.Stockpiles.Single().Tonnes, 6);
    }

    [Fact]
    public void Invalid_input_names_every_bad_field_on_stderr_with_its_own_exit_code()
    {
        var bad = Newsvendor(damage: -1) with { Countries = [new Country { Id = "A", BudgetUsd = double.NaN, StorageTonnes = 1 }] };
        var run = Run("solve", Write("bad.json", bad));

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("invalid input: demands[0].damageUsdPerTonne", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid input: countries[0].budgetUsd", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void An_infeasible_instance_exits_with_its_own_code_and_prints_the_diagnosis()
    {
        var infeasible = Newsvendor(damage: 30, budget: 100) with
        {
            Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };
        var run = Run("solve", Write("infeasible.json", infeasible));

        Assert.Equal(ExitCodes.Infeasible, run.Code);
        Assert.Contains("conflicting families: budget, coverage", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_line()
    {
        var path = WriteText("broken.json", "{\n  \"countries\": [ \n");
        var wrongType = WriteText("wrong.json", "{ \"countries\": [ { \"id\": \"A\", \"budgetUsd\": \"lots\" } ] }");

        var broken = Run("solve", path);
        var typed = Run("solve", wrongType);

        Assert.Equal(ExitCodes.InvalidInput, broken.Code);
        Assert.Contains($"invalid input: {path}, line ", broken.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, typed.Code);
        Assert.Contains("field countries[0].budgetUsd", typed.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, Run("solve", Path("missing.json")).Code);
    }

    [Fact]
    public void Inventory_plot_is_a_png_of_the_requested_size()
    {
        var png = Path("plots/inventory.png");

        var run = Run("solve", Write("newsvendor.json", Newsvendor(damage: 30)), "--plot-inventory", png, "--width", "640", "--height", "360");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.Contains($"wrote {png}", run.Stderr, StringComparison.Ordinal);
        Images.AssertPng(png, 640, 360);
    }

    [Fact]
    public void Inventory_plot_draws_each_scenarios_path_from_the_stockpile()
    {
        // The three-quarter newsvendor: one line per scenario through (0, x), (1, I_1) … (3, I_3),
        // the result's own numbers; the halt releases the stockpile, the calm keeps it.
        var svg = Path("inventory.svg");
        var run = Run("solve", Write("newsvendor.json", Newsvendor(damage: 30, periods: 3)), "--plot-inventory", svg, "--json");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var result = Json<SolveResult>(run.Stdout);
        var stock = result.Policy!.Stockpiles.Single().Tonnes;
        var paths = result.Scenarios.Select(s => (double[])[stock, .. s.Materials.Single().Inventory]).ToArray();
        Assert.Contains(paths, p => p[^1] < stock - 1);
        var document = Images.AssertSvg(svg, 800, 500);
        var tonnes = Svg.LeftAxis(document);
        var periods = Svg.Labels(document).Where(l => l.Text is "start" or "t1" or "t2" or "t3").OrderBy(l => l.X).Select(l => l.X).ToArray();
        var lines = Svg.Lines(document);
        Assert.Equal(paths.Length, lines.Count);
        foreach (var (path, line) in paths.Zip(lines))
        {
            Assert.Equal(periods.Length, line.Pixels.Count);
            Assert.All(periods.Zip(line.Pixels), p => Assert.Equal(p.First, p.Second.X, 0.5));
            Assert.All(path.Zip(line.Pixels), p => Assert.Equal(p.First, tonnes(p.Second.Y), 0.05));
        }
    }

    [Fact]
    public void Inventory_plot_needs_a_country_and_material_of_the_instance_before_solving()
    {
        var run = Run("solve", "--plot-inventory", Path("x.svg"), "--country", "US", "--material", "unobtainium");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Matches("--material unobtainium: not in the instance; choose one of [^\\n]*ndfeb-magnet", run.Stderr);
        Assert.DoesNotContain("solve:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_file_solve_plans_the_default_instance_with_an_svg_inventory_plot()
    {
        // The one test that solves the default US–Canada instance (a few seconds): the README's first command.
        var svg = Path("us-magnets.svg");

        var run = Run("solve", "--plot-inventory", svg, "--country", "US", "--material", "ndfeb-magnet");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.StartsWith("US-Canada critical minerals", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"US\s+ndfeb-magnet\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+\s", run.Stdout);
        Assert.Contains("Why — stockpiles", run.Stdout, StringComparison.Ordinal);
        var document = Images.AssertSvg(svg, 800, 500);
        Assert.Contains("ndfeb-magnet in US", document.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_tables_are_drawn_with_spectre()
    {
        var run = RunWith(true, "solve", Write("newsvendor.json", Newsvendor(damage: 30)));

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.Contains("Strategic stockpiles", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("│", run.Stdout, StringComparison.Ordinal);
        // The live display draws on stderr (the same terminal), never into the result on stdout.
        Assert.DoesNotContain("solve:", run.Stdout, StringComparison.Ordinal);
    }
}

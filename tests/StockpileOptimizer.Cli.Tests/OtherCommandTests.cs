using System.Text.Json.Nodes;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Analyses;
using static StockpileOptimizer.Cli.Tests.TestInstances;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>scenarios, default, export-mps, and the command line's own errors.</summary>
public sealed class OtherCommandTests : CliFixture
{
    [Fact]
    public void Scenarios_are_seeded_reducible_and_written_as_an_instance_that_solves()
    {
        var instance = Write("newsvendor.json", Newsvendor(damage: 30));
        var distribution = WriteText("distribution.json", NewsvendorDistributionJson);
        var sampled = Path("sampled.json");
        string[] args = ["scenarios", instance, "--samples", "30", "--seed", "11", "--distribution", distribution];

        var first = Run([.. args, "--format", "json"]);
        var again = Run([.. args, "--format", "json"]);
        var other = Run(["scenarios", instance, "--samples", "30", "--seed", "12", "--distribution", distribution, "--format", "json"]);
        var reduced = Run([.. args, "--reduce", "4", "--format", "csv", "--output", sampled]);

        Assert.True(first.Code == ExitCodes.Ok, first.ToString());
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.NotEqual(first.Stdout, other.Stdout);
        Assert.Equal(30, Json<JsonObject>(first.Stdout)["scenarios"]!.AsArray().Count);
        Assert.True(reduced.Code == ExitCodes.Ok, reduced.ToString());
        var rows = Csv.Parse(reduced.Stdout);
        Assert.Equal(4, rows.Count);
        Assert.Equal(1, rows.Sum(r => double.Parse(r["probability"], System.Globalization.CultureInfo.InvariantCulture)), 9);
        var written = InstanceJson.Load(sampled);
        Assert.Equal(4, written.Scenarios.Count);
        Assert.Equal(ExitCodes.Ok, Run("solve", sampled, "-q").Code);
    }

    [Fact]
    public void Scenarios_can_be_written_as_a_list_for_evaluate()
    {
        var instance = Write("newsvendor.json", Newsvendor(damage: 30));
        var list = Path("list.json");

        var run = Run("scenarios", instance, "-n", "5", "--distribution", WriteText("d.json", NewsvendorDistributionJson), "-o", list, "--as", "scenarios", "-q");

        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.Equal(5, Json<Scenario[]>(File.ReadAllText(list)).Length);
        var evaluated = Run("evaluate", instance, "--scenarios", list, "--format", "json", "-q");
        Assert.True(evaluated.Code == ExitCodes.Ok, evaluated.ToString());
        Assert.Equal(5, Json<JsonObject>(evaluated.Stdout)["evaluation"].Deserialize<EvaluationResult>().Samples);
    }

    [Fact]
    public void Default_writes_the_default_instance_with_its_comments_and_refuses_to_overwrite()
    {
        var path = Path("us-canada.json");

        var written = Run("default", path);
        var again = Run("default", path);
        var toStdout = Run("default");

        Assert.Equal(ExitCodes.Ok, written.Code);
        var text = File.ReadAllText(path);
        Assert.StartsWith("// Default instance", text, StringComparison.Ordinal);
        Assert.Equal(InstanceJson.Fingerprint(InstanceJson.Default()), InstanceJson.Fingerprint(InstanceJson.Load(path)));
        Assert.Equal(ExitCodes.Usage, again.Code);
        Assert.Contains("--force", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, Run("default", path, "--force").Code);
        Assert.Equal(text, toStdout.Stdout);
    }

    [Fact]
    public void Default_distribution_round_trips()
    {
        var run = Run("default", "--distribution");

        Assert.Equal(ExitCodes.Ok, run.Code);
        var printed = Json<ScenarioDistribution>(run.Stdout);
        Assert.Equal("china", printed.Supplier);
        // Read back, the printed file is the engine's default distribution, field for field.
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(ScenarioDistribution.Default, InstanceJson.Options),
            System.Text.Json.JsonSerializer.Serialize(printed, InstanceJson.Options));
    }

    [Fact]
    public void Export_mps_writes_the_model_with_row_names()
    {
        var output = Path("model.mps");
        var run = Run("export-mps", Write("newsvendor.json", Newsvendor(damage: 30)), output);
        var toStdout = Run("export-mps", Write("newsvendor2.json", Newsvendor(damage: 30)), "-");

        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.Contains("balance[A,m,t1,halt]", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Contains("money in solver units", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("balance[A,m,t1,halt]", toStdout.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solve", "--frobnicate")]
    [InlineData("unknown-command")]
    [InlineData]
    [InlineData("solve", "--format", "xml")]
    [InlineData("solve", "--time-limit", "-3")]
    [InlineData("solve", "--plot-inventory", "plot.jpg")]
    [InlineData("evaluate", "--confidence", "1.5")]
    [InlineData("solve", "a.json", "b.json")]
    public void Command_line_mistakes_exit_2_with_a_message(params string[] args)
    {
        var run = Run(args);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Server_mode_needs_a_url()
    {
        // The remote mode itself (same output, exit 6 when unreachable, 7 where the API has no
        // RPC) is covered against a real server in RemoteModeTests.
        var badUrl = Run("solve", "--server", "localhost");

        Assert.Equal(ExitCodes.Usage, badUrl.Code);
        Assert.Contains("--server: 'localhost' is not a URL", badUrl.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var run = Run("--help");

        Assert.Equal(ExitCodes.Ok, run.Code);
        foreach (var command in new[] { "solve", "validate", "cooperation", "frontier", "evaluate", "scenarios", "default", "export-mps", "serve" })
        {
            Assert.Contains($"  {command} ", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unwritable_out_directory_is_reported()
    {
        var file = WriteText("occupied", "not a directory");

        var run = Run("validate", Write("newsvendor.json", Newsvendor(damage: 30)), "--out", file);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains($"--out {file}: cannot write there", run.Stderr, StringComparison.Ordinal);
    }
}

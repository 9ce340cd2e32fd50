using StockpileOptimizer.Domain;
using static StockpileOptimizer.TestData.HandInstances;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>--set path=value on the JSON tree, with the validator's paths; `validate` shows the result without solving.</summary>
public sealed class OverrideTests : CliFixture
{
    [Fact]
    public void Paths_reach_list_items_by_index_or_id_and_fields_left_at_their_default()
    {
        var path = Write("twins.json", Twins());

        var run = Run("validate", path, "--format", "json",
            "--set", "countries[1].budgetUsd=5e8",
            "--set", "countries[A].storageTonnes=42",
            "--set", "policy.riskWeight=0.3",
            "--set", "policy.mode=independent",
            "--set", "demands[0].tonnesPerPeriod[0]=120",
            "--set", "tiers[0].id=0",
            "--set", "name=what if");

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        Assert.Contains("\"valid\": true", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"instance\": \"what if\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_overridden_instance_is_what_gets_solved()
    {
        // A budget of 0 with a 12-month coverage floor: infeasible, and the diagnosis says why.
        var run = Run("solve", Write("newsvendor.json", Newsvendor(damage: 30)),
            "--set", "countries[0].budgetUsd=0",
            "--set", """policy.coverageFloors=[{"country": "A", "material": "m", "months": 12}]""");

        Assert.Equal(ExitCodes.Infeasible, run.Code);
        Assert.Contains("conflicting families: budget, coverage", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("countries[5].budgetUsd=1", "--set countries[5].budgetUsd: countries has 2 items (indices 0–1), there is no [5]")]
    [InlineData("countries[0].budgetUSD=1", "countries[0] has no field 'budgetUSD' (did you mean 'budgetUsd'?); its fields are id, name, budgetUsd, storageTonnes")]
    [InlineData("policy.riskWeigth=0.3", "policy has no field 'riskWeigth'")]
    [InlineData("countries[MX].budgetUsd=1", "countries has no item with id 'MX'; its ids are A, B")]
    [InlineData("budget=1", "the instance has no field 'budget'")]
    [InlineData("name.first=x", "name is a string, it has no field 'first'")]
    [InlineData("policy.riskWeight", "expected path=value")]
    [InlineData("countries[.budgetUsd=1", "not a field path")]
    public void A_path_that_does_not_exist_is_a_usage_error_that_names_it(string assignment, string message)
    {
        var run = Run("validate", Write("twins.json", Twins()), "--set", assignment);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_invalid_input_naming_the_field()
    {
        var run = Run("validate", Write("twins.json", Twins()), "--set", "countries[0].budgetUsd=lots");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("with --set, field countries[0].budgetUsd:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_lists_every_violation_with_its_path_and_exits_3()
    {
        var run = Run("validate", Write("twins.json", Twins()), "--set", "countries[0].budgetUsd=-1", "--set", "scenarios[0].probability=0.9");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains("invalid: twins — 2 problems", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("invalid input: countries[0].budgetUsd", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid input: scenarios", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_json_carries_the_violations_for_scripts()
    {
        var run = Run("validate", Write("twins.json", Twins()), "--format", "json", "--set", "countries[0].budgetUsd=-1");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        var document = Json<System.Text.Json.Nodes.JsonObject>(run.Stdout);
        Assert.False((bool)document["valid"]!);
        Assert.Equal("countries[0].budgetUsd", (string)document["violations"]![0]!["path"]!);
    }

    [Fact]
    public void Mode_overrides_the_policy_mode()
    {
        // Twins alone (independent) stock nothing and cost 450 each (HandInstances.Twins).
        var run = Run("solve", Write("twins.json", Twins()), "--mode", "independent", "--json");

        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.Equal(900, Json<SolveResult>(run.Stdout).Solver.Objective, 6);
    }
}

using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

public sealed class SolveCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stockpile-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Solve_prints_the_plan_of_an_instance_file_and_exits_zero()
    {
        var path = Write("newsvendor.json", Newsvendor(damage: 30));
        var (code, stdout, _) = Run("solve", path);

        Assert.Equal(SolveCommand.Solved, code);
        Assert.Contains("status Optimal", stdout, StringComparison.Ordinal);
        Assert.Contains("Strategic stockpiles", stdout, StringComparison.Ordinal);
        // The newsvendor optimum: 60 t at a cost of 720 (see the model tests).
        Assert.Matches(@"A\s+m\s+60\s", stdout);
        Assert.Contains("$720", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_round_trips_into_a_result()
    {
        var path = Write("newsvendor.json", Newsvendor(damage: 30));
        var (code, stdout, _) = Run("solve", path, "--json");

        Assert.Equal(SolveCommand.Solved, code);
        var result = System.Text.Json.JsonSerializer.Deserialize<SolveResult>(stdout, InstanceJson.Options)!;
        Assert.Equal(720, result.Solver.Objective, 6);
    }

    [Fact]
    public void Invalid_input_names_every_bad_field_on_stderr_with_its_own_exit_code()
    {
        var bad = Newsvendor(damage: -1) with { Countries = [new Country { Id = "A", BudgetUsd = double.NaN, StorageTonnes = 1 }] };
        var (code, _, stderr) = Run("solve", Write("bad.json", bad));

        Assert.Equal(SolveCommand.InvalidInput, code);
        Assert.Contains("demands[0].damageUsdPerTonne", stderr, StringComparison.Ordinal);
        Assert.Contains("countries[0].budgetUsd", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infeasible_instance_exits_with_its_own_code_and_prints_the_diagnosis()
    {
        var infeasible = Newsvendor(damage: 30, budget: 100) with
        {
            Policy = new PolicyOptions { CoverageFloors = [new CoverageFloor { Country = "A", Material = "m", Months = 12 }] },
        };
        var (code, stdout, _) = Run("solve", Write("infeasible.json", infeasible));

        Assert.Equal(SolveCommand.Infeasible, code);
        Assert.Contains("conflicting families: budget, coverage", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_and_unknown_options_are_reported_not_thrown()
    {
        var path = Path.Combine(directory, "broken.json");
        File.WriteAllText(path, "{ \"countries\": [ ");
        Assert.Equal(SolveCommand.InvalidInput, Run("solve", path).Code);
        Assert.Equal(SolveCommand.Usage, Run("solve", "--frobnicate").Code);
        Assert.Equal(SolveCommand.Usage, Run("unknown-command").Code);
    }

    [Fact]
    public void Export_mps_writes_the_model()
    {
        var output = Path.Combine(directory, "model.mps");
        var (code, _, _) = Run("export-mps", Write("newsvendor.json", Newsvendor(damage: 30)), output);

        Assert.Equal(SolveCommand.Solved, code);
        Assert.Contains("balance[A,m,t1,halt]", File.ReadAllText(output), StringComparison.Ordinal);
    }

    private string Write(string name, StockpileInstance instance)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, InstanceJson.Write(instance));
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SolveCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>One country, one material, demand 100, a halt (π = 0.5) leaving 40 %: optimum 60 t at 720 when damage is 30.</summary>
    private static StockpileInstance Newsvendor(double damage, double budget = 1e6) => new()
    {
        Name = "newsvendor",
        Horizon = new Horizon { Periods = 1 },
        Countries = [new Country { Id = "A", BudgetUsd = budget, StorageTonnes = 1e6 }],
        Materials = [new Material { Id = "m", Group = "g", PriceUsdPerTonne = 10, AcquisitionUsdPerTonne = 10, HoldingUsdPerTonnePeriod = 2 }],
        Sectors = [new Sector { Id = "k", Defence = true }],
        Demands = [new Demand { Country = "A", Material = "m", Sector = "k", TonnesPerPeriod = [100], DamageUsdPerTonne = damage }],
        ImportSources = [new ImportSource { Id = "x" }],
        Imports = [new ImportLink { Country = "A", Material = "m", Source = "x", TonnesPerPeriod = 100 }],
        Tiers = [new TaxCreditTier { Id = "0", Rate = 0 }],
        Scenarios =
        [
            new Scenario { Id = "calm", Probability = 0.5 },
            new Scenario { Id = "halt", Probability = 0.5, Events = [new SupplyEvent { Source = "x", Materials = ["m"], FromPeriod = 1, ToPeriod = 1, Availability = 0.4 }] },
        ],
    };
}

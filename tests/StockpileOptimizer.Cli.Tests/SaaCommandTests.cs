using System.Text.Json;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>
/// <c>solve --samples N</c>: a plan from sampled futures, in process and as one job on a real
/// server, on the newsvendor (a few samples of its own distribution solve in well under a second).
/// </summary>
public sealed class SaaCommandTests(RemoteServer server) : CliFixture, IClassFixture<RemoteServer>
{
    private string[] Solve(params string[] more)
    {
        var newsvendor = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30));
        var distribution = WriteText("distribution.json", TestInstances.NewsvendorDistributionJson);
        return ["solve", newsvendor, "--samples", "6", "--seed", "1", "--distribution", distribution, .. more];
    }

    [Fact]
    public void Solve_with_samples_prints_the_method_and_why_the_bounds_and_the_gap()
    {
        var run = Run(Solve("-q"));

        Assert.True(run.Code == ExitCodes.Ok, run.ToString());
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("newsvendor — Joint mode, sample-average approximation on 6 scenarios sampled with seed 1 from ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("method extensive (automatic: the extensive form of 6 samples has ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("status Optimal  objective (upper bound) $", StringComparison.Ordinal) && l.Contains("  lower bound $", StringComparison.Ordinal) && l.Contains("  gap ", StringComparison.Ordinal));
        Assert.Contains("Strategic stockpiles", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Benders iterations", run.Stdout, StringComparison.Ordinal);

        var statistical = Run(Solve("--replications", "2", "--evaluate", "20", "-q"));
        Assert.True(statistical.Code == ExitCodes.Ok, statistical.ToString());
        Assert.Contains("statistical gap: 2 replications of 6 samples, the plan on 20 fresh samples, one-sided 95 % intervals: gap $", statistical.Stdout, StringComparison.Ordinal);
        Assert.Contains("Stability: each stockpile across the replications' plans", statistical.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Benders and the extensive form solve the same six samples to the same objective (within the decomposition's gap, 1e-3).</summary>
    [Fact]
    public void Benders_prints_its_iterations_with_progress_lines_and_its_json_is_the_full_result()
    {
        var extensive = Json<SaaResult>(Run(Solve("--method", "extensive", "--json", "-q")).Stdout);
        var benders = Run(Solve("--method", "benders", "--json"));

        Assert.True(benders.Code == ExitCodes.Ok, benders.ToString());
        var result = Json<SaaResult>(benders.Stdout);
        // Six samples: the decomposition starts from the extensive form of the first five (docs/sampling.md, "The start ladder").
        Assert.Equal(("benders", "requested; started from the extensive form of the first 5 samples", 6, 1),
            (result.Method, result.MethodReason, result.Samples, result.Seed));
        Assert.Equal(("extensive", Termination.Optimal), (extensive.Method, extensive.Termination));
        Assert.Equal(extensive.ObjectiveUsd, result.ObjectiveUsd, 1e-3 * extensive.ObjectiveUsd);
        Assert.InRange(result.Gap, 0, 1e-3);
        Assert.NotEmpty(result.Iterations);
        Assert.NotNull(result.Policy);
        // One progress line per iteration, with its bounds.
        var progress = benders.Stderr.Split('\n').Where(l => l.Contains("solve: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(result.Iterations.Count, progress.Count);
        Assert.Contains($"{result.Iterations.Count}/200 iteration {result.Iterations.Count} (mip): lower ", progress[^1], StringComparison.Ordinal);
        Assert.Contains(", upper ", progress[^1], StringComparison.Ordinal);
        Assert.Contains(", gap ", progress[^1], StringComparison.Ordinal);

        var tables = Run(Solve("--method", "benders", "-q"));
        Assert.Contains("method benders (requested; started from the extensive form of the first 5 samples)", tables.Stdout, StringComparison.Ordinal);
        Assert.Contains("Benders iterations (bounds of the SAA problem)", tables.Stdout, StringComparison.Ordinal);
        var csv = Run(Solve("--method", "benders", "-q", "--format", "csv", "--table", "iterations"));
        Assert.StartsWith("iteration,phase,lower_bound_usd,upper_bound_usd,gap,cuts,seconds", csv.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sampling_options_without_samples_and_bad_values_are_usage_errors_naming_the_option()
    {
        var newsvendor = Write("newsvendor.json", HandInstances.Newsvendor(damage: 30));

        var stray = Run("solve", newsvendor, "--method", "benders");
        var one = Run(Solve("--replications", "1"));
        var without = Run(Solve("--evaluate", "100"));
        var plot = Run(Solve("--plot-inventory", Path("x.png")));

        Assert.Equal((ExitCodes.Usage, "error: --method: only with --samples N (a plan from sampled futures)"), (stray.Code, stray.Stderr.Trim()));
        Assert.Equal((ExitCodes.Usage, "error: --replications must be 0 (no statistical gap) or between 2 and 100 (got 1)"), (one.Code, one.Stderr.Trim()));
        Assert.Equal(ExitCodes.Usage, without.Code);
        Assert.StartsWith("error: --evaluate is used only with replications: give --replications ≥ 2 too", without.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, plot.Code);
        Assert.Contains("--plot-inventory: not with --samples", plot.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_server_one_saa_job_gives_the_same_plan_as_in_process()
    {
        using var client = Client.StockpileClient.Create(new Client.StockpileClientOptions { Address = new Uri(server.Url) });
        var before = (await client.ListJobsAsync()).Jobs.Select(j => j.Name).ToHashSet();

        var local = Run(Solve("--method", "benders", "--json", "-q"));
        var remote = Run(Solve("--method", "benders", "--json", "--server", server.Url));

        Assert.True(remote.Code == ExitCodes.Ok, remote.ToString());
        var started = (await client.ListJobsAsync()).Jobs.Where(j => !before.Contains(j.Name)).ToList();
        Assert.Equal(["saa"], started.Select(j => j.Kind));
        var (mine, theirs) = (Json<SaaResult>(local.Stdout), Json<SaaResult>(remote.Stdout));
        Assert.Equal((mine.Method, mine.Samples, mine.Termination), (theirs.Method, theirs.Samples, theirs.Termination));
        Assert.Equal(mine.ObjectiveUsd, theirs.ObjectiveUsd, 1e-3 * mine.ObjectiveUsd);
        // The same plan: tonnes to the LPs' round-off (the server solves the samples with its own thread budget).
        Assert.Equal(mine.Policy!.Stockpiles.Count, theirs.Policy!.Stockpiles.Count);
        Assert.All(mine.Policy.Stockpiles.Zip(theirs.Policy.Stockpiles), p => Assert.Equal(p.First.Tonnes, p.Second.Tonnes, 1e-6 * Math.Max(1, p.First.Tonnes)));
        Assert.Equal(JsonSerializer.Serialize(mine.Policy.Tiers, InstanceJson.Options), JsonSerializer.Serialize(theirs.Policy.Tiers, InstanceJson.Options));
        // The job's iteration events arrive as progress lines with their bounds.
        Assert.Contains(remote.Stderr.Split('\n'), l => l.Contains("solve: 1/200 iteration 1 (lp): lower ", StringComparison.Ordinal));
    }
}

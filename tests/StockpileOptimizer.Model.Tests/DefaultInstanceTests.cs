using System.Text.RegularExpressions;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Properties;

namespace StockpileOptimizer.Model.Tests;

/// <summary>The embedded default US–Canada instance (model v2): valid, sourced, solved, and its plan credible to a planner (DefaultInstance/PlannerChecks.cs).</summary>
public sealed partial class DefaultInstanceTests
{
    private static readonly Lazy<(StockpileInstance Instance, SolveResult Result)> Solved = new(() =>
    {
        var instance = InstanceJson.Default();
        return (instance, StockpileSolver.Solve(instance, new SolveOptions { RelativeGap = 1e-3 }));
    });

    [Fact]
    public void Is_valid()
    {
        Assert.Empty(InstanceValidator.Validate(InstanceJson.Default()));
    }

    [Fact]
    public void Solves_to_within_a_tenth_of_a_percent_and_passes_the_independent_check()
    {
        var (instance, result) = Solved.Value;

        Assert.Equal(Termination.Optimal, result.Solver.Termination);
        Assert.True(result.Solver.Gap <= 1e-3, $"gap {result.Solver.Gap}");
        CheckerAgreementTests.AssertAgrees(instance, result);
    }

    [Fact]
    public void Its_plan_stocks_the_chain_and_signs_no_floor_it_does_not_need()
    {
        var policy = Solved.Value.Result.Policy!;
        double Stock(string country, string material) =>
            policy.Stockpiles.Single(s => s.Country == country && s.Material == material).Tonnes;

        // v1 stocked magnets and never NdPr oxide (magnet plants needed no oxide). In v2 the
        // plants draw oxide and Dy/Tb, so the plan stocks along the chain: magnets for the
        // imports a halt cuts, NdPr oxide and Dy/Tb for the plants that would otherwise stop.
        Assert.True(Stock("US", "ndfeb-magnet") > 1, "US magnets");
        Assert.True(Stock("US", "ndpr-oxide") > 1, "US NdPr oxide");
        Assert.True(Stock("US", "dytb-oxide") > 1, "US Dy/Tb oxide");
        // v1 committed ~148 t/q at Mountain Pass because a purchase contract cost nothing unless
        // used. The v2 top-up costs (110,000 − 63,000) US$/t on every committed tonne in every calm
        // quarter, ~US$0.94M per t/q over the horizon, while the oxide stock already covers the
        // price war's aftermath: no floor is signed (DefaultInstance/PlannerChecks.cs prices the DoD
        // contract on top of the plan).
        Assert.All(policy.Commitments, c => Assert.Equal(0, c.TonnesPerPeriod, 6));
        // The tier choice is not forced: some pairs take a credit, others do not.
        Assert.Contains(policy.Tiers, t => t.Rate > 0);
        Assert.Contains(policy.Tiers, t => t.Rate == 0);
    }

    [Fact]
    public void Is_format_version_2_and_its_chain_runs_from_concentrate_to_magnets()
    {
        var instance = InstanceJson.Default();
        var byId = instance.Producers.ToDictionary(p => p.Id);
        string[] UpstreamOf(string material, string country) => instance.Producers
            .Where(p => p.Material == material && p.Country == country)
            .SelectMany(p => p.Inputs.Select(i => i.Material)).Distinct().Order().ToArray();

        Assert.Equal(2, instance.FormatVersion);
        // Every magnet plant that draws rare earths draws NdPr (oxide where it makes its own metal,
        // metal otherwise) and Dy/Tb; recycling (Geomega) is the one magnet route without them.
        foreach (var magnets in instance.Producers.Where(p => p.Material == "ndfeb-magnet"))
        {
            var inputs = magnets.Inputs.Select(i => i.Material).Order().ToArray();
            Assert.True(magnets.Id == "geomega-recycling" ? inputs.Length == 0 : inputs.Contains("dytb-oxide") && inputs.Any(i => i.StartsWith("ndpr-", StringComparison.Ordinal)),
                $"{magnets.Id}: {string.Join(", ", inputs)}");
        }
        Assert.Equal(["ndpr-oxide"], UpstreamOf("ndpr-metal", "CA"));
        Assert.Equal(["re-concentrate"], UpstreamOf("ndpr-oxide", "US"));
        Assert.Equal(["re-concentrate"], UpstreamOf("ndpr-oxide", "CA"));
        Assert.Empty(byId["mp-mountain-pass-mine"].Inputs);
    }

    [Fact]
    public void Every_number_in_the_data_file_cites_a_source_or_says_it_is_an_assumption()
    {
        // A number is cited when its line, or the comment line just above it, carries a `//` note.
        var lines = InstanceJson.DefaultJson().Split('\n');
        var uncited = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var code = StringLiteral().Replace(lines[i], "\"\"").Split("//")[0];
            if (!NumberValue().IsMatch(code))
            {
                continue;
            }
            var cited = lines[i].Contains("//", StringComparison.Ordinal)
                || (i > 0 && lines[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal));
            if (!cited)
            {
                uncited.Add($"line {i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.Empty(uncited);
    }

    [Fact]
    public void The_fingerprint_survives_a_json_round_trip_and_changes_with_the_data()
    {
        var instance = InstanceJson.Default();
        var again = InstanceJson.Parse(InstanceJson.Write(instance));
        Assert.Equal(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(again));

        var changed = instance with { Countries = instance.Countries.Select(c => c with { BudgetUsd = c.BudgetUsd + 1 }).ToArray() };
        Assert.NotEqual(InstanceJson.Fingerprint(instance), InstanceJson.Fingerprint(changed));
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    /// <summary>A JSON number as a value: after a colon, a bracket or a comma.</summary>
    [GeneratedRegex(@"[:\[,]\s*-?\d")]
    private static partial Regex NumberValue();
}

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
    public void Its_plan_stocks_where_plants_would_stop_and_keeps_the_signed_floor_only()
    {
        var (instance, result) = Solved.Value;
        var policy = result.Policy!;
        double Stock(string country, string material) =>
            policy.Stockpiles.Single(s => s.Country == country && s.Material == material).Tonnes;

        // v1 stocked magnets and never anything upstream (magnet plants needed no inputs). In v2
        // every US magnet plant draws Dy/Tb oxide, which only imports supply and every halt on
        // heavy REE throttles: the plan stocks it, and magnets for the imports a halt cuts. NdPr
        // is not stocked as oxide: Mountain Pass (fed by its own mine, kept alive in the price war
        // by the signed floor) covers what US plants draw, so the shortage rule lets no oxide
        // stock out in place of its output (docs/default-instance.md).
        Assert.True(Stock("US", "ndfeb-magnet") > 1, "US magnets");
        Assert.True(Stock("US", "dytb-oxide") > 1, "US Dy/Tb oxide");
        // The DoD floor of July 2025 is signed (signedCommitmentTonnesPerPeriod): the plan keeps it
        // and signs no other. A top-up costs (floor − P)⁺ on every committed tonne in every calm
        // quarter, which no other producer's risk is worth here.
        var signed = instance.Producers.Single(p => p.Id == "mp-mountain-pass").SignedCommitmentTonnesPerPeriod;
        Assert.Equal(323.5, signed);
        Assert.All(policy.Commitments, c => Assert.Equal(c.Producer == "mp-mountain-pass" ? signed : 0, c.TonnesPerPeriod, 6));
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

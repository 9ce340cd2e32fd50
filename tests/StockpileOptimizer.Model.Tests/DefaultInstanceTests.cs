using System.Text.RegularExpressions;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model.Solving;
using StockpileOptimizer.Model.Tests.Properties;

namespace StockpileOptimizer.Model.Tests;

/// <summary>The embedded default US–Canada instance: valid, sourced, solved, and its plan non-trivial.</summary>
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
    public void Its_plan_is_not_trivial()
    {
        var policy = Solved.Value.Result.Policy!;

        Assert.Contains(policy.Stockpiles, s => s.Tonnes > 1);
        Assert.Contains(policy.Commitments, c => c.TonnesPerPeriod > 1);
        // The tier choice is not forced: some pairs take a credit, others do not.
        Assert.Contains(policy.Tiers, t => t.Rate > 0);
        Assert.Contains(policy.Tiers, t => t.Rate == 0);
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

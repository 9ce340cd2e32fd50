using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>
/// Errors stay small whatever the request (docs/reliability.md, finding 9): every value shown
/// is cut to 64 characters, the violations listed are capped by size and the message says how
/// many were left out, so that the trailers stay under the 8 KiB a stock grpcio client takes.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class ErrorSizeTests
{
    /// <summary>
    /// The default instance with its countries removed breaks a rule at every reference to a
    /// country (92 violations, 8.4 KB of trailers before, which grpcio refused as
    /// RESOURCE_EXHAUSTED): now some are listed, the rest counted, all under 8 KiB.
    /// </summary>
    [Fact]
    public async Task Many_violations_are_listed_up_to_a_size_and_the_rest_counted()
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(InstanceJson.Default());
        instance.Countries.Clear();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync);

        var violations = ErrorTrailer.SmallViolations(error);
        var counts = Counts().Match(error.Status.Detail);
        Assert.True(counts.Success, error.Status.Detail);
        var (total, listed, more) = (Int(counts, "total"), Int(counts, "listed"), Int(counts, "more"));
        Assert.Equal(violations.Count, listed);
        Assert.Equal(total, listed + more);
        Assert.True(more > 0 && total > 80, error.Status.Detail);
        Assert.Equal("countries", violations[0].Field);
    }

    /// <summary>A country id of 100,000 or 4,000,000 characters: refused at once, the value cut to 64 characters and its length given.</summary>
    [Theory]
    [InlineData(100_000)]
    [InlineData(4_000_000)]
    public async Task A_huge_id_is_refused_with_its_value_cut(int length)
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        instance.Countries[0].Id = new string('x', length);

        // Before: a 100,000-character id gave 2.1 MB of trailers; a 4,000,000-character one no answer in 120 s.
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.ValidateScenarioAsync(
            new V1.ValidateScenarioRequest { Instance = instance }, StockpileHost.Deadline(TimeSpan.FromSeconds(60))).ResponseAsync);

        var violation = Assert.Single(ErrorTrailer.SmallViolations(error), v => v.Field == "countries[0].id");
        Assert.Equal(
            $"countries[0].id must be at most 63 characters (got {length.ToString("N0", CultureInfo.InvariantCulture)}: \"{new string('x', 63)}…\" ({length} characters))",
            violation.Description);
        // The references to the country it replaced ("A") name an unknown country, the huge id cut in the list of known ones.
        Assert.All(ErrorTrailer.SmallViolations(error), v => Assert.True(v.Description.Length < 400, v.Description));
    }

    /// <summary>Ids hold 1–63 characters of A–Z, a–z, 0–9, '.', '_' and '-': NUL, controls, bidi overrides, spaces and other letters are refused, and shown escaped.</summary>
    [Theory]
    [InlineData("A\0", "\"A\\u0000\"", "U+0000 at index 1")]
    [InlineData("A\u0007", "\"A\\u0007\"", "U+0007 at index 1")]
    [InlineData("\u202EA", "\"\\u202EA\"", "U+202E at index 0")]
    [InlineData("A\u2066B\u2069", "\"A\\u2066B\\u2069\"", "U+2066 at index 1")]
    [InlineData("A B", "\"A B\"", "U+0020 at index 1")]
    [InlineData("Ä", "\"Ä\"", "U+00C4 at index 0")]
    public async Task An_id_with_a_hidden_or_foreign_character_is_refused(string id, string shown, string where)
    {
        await using var host = new StockpileHost();
        var instance = WithCountryId(id);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync);

        var violation = Assert.Single(ErrorTrailer.SmallViolations(error));
        Assert.Equal("countries[0].id", violation.Field);
        Assert.Equal($"countries[0].id must use only the characters A–Z, a–z, 0–9, '.', '_' and '-' (got {shown}, with {where})", violation.Description);
    }

    /// <summary>63 characters of every allowed kind is an id; 64 is one too many (one violation: references to it still resolve).</summary>
    [Fact]
    public async Task An_id_of_63_characters_is_accepted_and_one_of_64_is_not()
    {
        await using var host = new StockpileHost();
        var longest = "Az09._-" + new string('q', 56);

        var accepted = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = WithCountryId(longest) });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = WithCountryId(longest + "q") }).ResponseAsync);

        Assert.Equal(2, accepted.Periods);
        Assert.Equal("countries[0].id", Assert.Single(ErrorTrailer.SmallViolations(error)).Field);
    }

    /// <summary>Names hold at most 256 characters and no control character.</summary>
    [Fact]
    public async Task Names_are_bounded_and_free_of_control_characters()
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        instance.Name = new string('n', 256);
        instance.Countries[0].Name = "Canada \u200F(RLM kept)";
        var accepted = await host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance });
        instance.Name = new string('n', 257);
        instance.Countries[0].Name = "Can\nada";
        instance.Scenarios[0].Name = new string('s', 1_000_000);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync);

        Assert.Equal(2, accepted.Periods);
        Assert.Equal(["countries[0].name", "name", "scenarios[0].name"], ErrorTrailer.SmallViolations(error).Select(v => v.Field).Order());
        Assert.EndsWith("(got \"Can\\u000Aada\", with U+000A at index 3)",
            Assert.Single(ErrorTrailer.SmallViolations(error), v => v.Field == "countries[0].name").Description, StringComparison.Ordinal);
    }

    /// <summary>A period is a month to a year: 12 months per period is accepted, 13 and 2,147,483,647 are not.</summary>
    [Theory]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(int.MaxValue, false)]
    public async Task Months_per_period_are_at_most_twelve(int months, bool valid)
    {
        await using var host = new StockpileHost();
        var instance = DomainMapping.ToProto(TestInstances.Tiny());
        instance.Horizon.MonthsPerPeriod = months;

        var answer = host.Client.ValidateScenarioAsync(new V1.ValidateScenarioRequest { Instance = instance }).ResponseAsync;

        if (valid)
        {
            Assert.Equal(2, (await answer).Periods);
            return;
        }
        var violation = Assert.Single(ErrorTrailer.SmallViolations(await Assert.ThrowsAsync<RpcException>(() => answer)));
        Assert.Equal("horizon.monthsPerPeriod", violation.Field);
        Assert.Equal($"horizon.monthsPerPeriod must be ≤ 12 (a year) (got {months})", violation.Description);
    }

    private static V1.StockpileInstance WithCountryId(string id)
    {
        var tiny = TestInstances.Tiny();
        var instance = DomainMapping.ToProto(tiny with
        {
            Countries = [tiny.Countries[0] with { Id = id }],
            Demands = [tiny.Demands[0] with { Country = id }],
            Imports = [tiny.Imports[0] with { Country = id }],
        });
        return instance;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((?<total>\d+) problems, see google\.rpc\.BadRequest; (?<listed>\d+) listed … and (?<more>\d+) more violations\)")]
    private static partial Regex Counts();
}

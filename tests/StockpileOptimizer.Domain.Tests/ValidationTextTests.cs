using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>
/// Ids, names and what errors show of them (InstanceValidator.Text.cs, Checks.Text.cs,
/// ShownText): ids are 1–63 characters of A–Z, a–z, 0–9, '.', '_', '-'; names at most 256
/// characters without control characters; months per period at most 12; and no message
/// shows more than 64 characters of a value, or a hidden character unescaped.
/// </summary>
public sealed class ValidationTextTests
{
    [Theory]
    [InlineData("countries[1].id")]
    [InlineData("materials[0].id")]
    [InlineData("sectors[1].id")]
    [InlineData("importSources[0].id")]
    [InlineData("producers[0].id")]
    [InlineData("investments[0].id")]
    [InlineData("tiers[1].id")]
    [InlineData("scenarios[1].id")]
    [InlineData("materials[0].group")]
    public void Every_kind_of_id_is_held_to_the_id_form(string path)
    {
        var tooLong = Valid().With(path, $"\"{new string('i', 64)}\"");
        var hidden = Valid().With(path, "\"a\\u0000b\"");

        Assert.Contains(InstanceValidator.Validate(tooLong), v => v.Path == path && v.Message.Contains("must be at most 63 characters (got 64: ", StringComparison.Ordinal));
        Assert.Contains(InstanceValidator.Validate(hidden), v => v.Path == path && v.Message.Contains("(got \"a\\u0000b\", with U+0000 at index 1)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("horizon.start")]
    [InlineData("countries[0].name")]
    [InlineData("importSources[0].name")]
    [InlineData("scenarios[1].name")]
    [InlineData("scenarios[1].events[0].kind")]
    public void Names_and_labels_are_bounded_and_free_of_control_characters(string path)
    {
        var longest = Valid().With(path, $"\"{new string('n', 256)}\"");
        var tooLong = Valid().With(path, $"\"{new string('n', 257)}\"");
        var control = Valid().With(path, "\"tab\\there\"");

        Assert.Empty(InstanceValidator.Validate(longest));
        Assert.Equal($"{path} must be at most 256 characters (got 257: \"{new string('n', 63)}…\" (257 characters))", Assert.Single(InstanceValidator.Validate(tooLong)).Message);
        Assert.Equal($"{path} must not contain control characters (got \"tab\\u0009here\", with U+0009 at index 3)", Assert.Single(InstanceValidator.Validate(control)).Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(int.MaxValue, false)]
    public void Months_per_period_run_from_1_to_12(int months, bool valid)
    {
        var violations = InstanceValidator.Validate(Valid() with { Horizon = Valid().Horizon with { MonthsPerPeriod = months } });

        Assert.Equal(valid ? [] : ["horizon.monthsPerPeriod"], violations.Select(v => v.Path));
    }

    /// <summary>A reference that names nothing is shown cut; the known ids it lists are cut too.</summary>
    [Fact]
    public void An_unknown_reference_is_shown_cut()
    {
        var instance = Valid() with { Demands = [Valid().Demands[0] with { Country = new string('z', 1_000_000) }, .. Valid().Demands.Skip(1)] };

        var violation = Assert.Single(InstanceValidator.Validate(instance));

        Assert.Equal($"demands[0].country names unknown country \"{new string('z', 63)}…\" (1000000 characters) (known: US, CA)", violation.Message);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\u202Eb", "\"a\\u202Eb\"")]
    [InlineData("\0", "\"\\u0000\"")]
    [InlineData("🙂", "\"🙂\"")]
    public void Quote_escapes_hidden_characters_and_keeps_the_rest(string value, string shown) =>
        Assert.Equal(shown, ShownText.Quote(value));

    /// <summary>Half a surrogate pair (JSON may carry one; protobuf's UTF-8 cannot) is escaped too; a whole pair is never cut apart.</summary>
    [Fact]
    public void Quote_escapes_a_lone_surrogate_and_never_splits_a_pair()
    {
        Assert.Equal("\"\\uD800x\"", ShownText.Quote(new string([(char)0xD800, 'x'])));
        Assert.Equal($"\"{new string('a', 62)}…\" (65 characters)", ShownText.Quote(new string('a', 62) + "🙂a"));
    }

    /// <summary>Whatever the value, what is shown of it is at most 64 characters before escaping, and holds no hidden character.</summary>
    [Property(MaxTest = 300)]
    public void Quote_is_bounded_and_shows_no_hidden_character(NonNull<string> value, PositiveInt repeat)
    {
        var text = string.Concat(Enumerable.Repeat(value.Get, Math.Min(repeat.Get, 50)));

        var shown = ShownText.Quote(text);

        Assert.DoesNotContain(shown, ShownText.IsHidden);
        Assert.True(shown.Length <= 2 + 6 * ShownText.MaxValueChars + 30, shown);
        if (text.Length <= ShownText.MaxValueChars && !text.Any(ShownText.IsHidden))
        {
            Assert.Equal($"\"{text}\"", shown);
        }
    }
}

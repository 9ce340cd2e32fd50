using System.Globalization;
using System.Text;

namespace StockpileOptimizer.Domain;

/// <summary>
/// Caller-given text as an error message may show it: cut to a bounded length and with every
/// character that could hide or reorder text (controls, NUL, bidi marks and overrides, lone
/// surrogates) written as <c>\uXXXX</c>. An error never echoes more than a few dozen
/// characters of what it was sent, however long that was.
/// </summary>
public static class ShownText
{
    /// <summary>Most characters of a value shown in a message (<see cref="Quote"/>).</summary>
    public const int MaxValueChars = 64;

    /// <summary>
    /// <paramref name="value"/> in double quotes, cut to <see cref="MaxValueChars"/> characters;
    /// a cut value is followed by "…" and its length: <c>"xxxx…" (4000000 characters)</c>.
    /// </summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        var shown = Cut(value, MaxValueChars);
        return value.Length > MaxValueChars
            ? $"\"{shown}\" ({value.Length.ToString(CultureInfo.InvariantCulture)} characters)"
            : $"\"{shown}\"";
    }

    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="text"/> (never splitting a
    /// surrogate pair), with "…" where it was cut, and hidden characters escaped.
    /// </summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length <= max ? text.Length : Math.Max(0, max - 1);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }
        var kept = text.AsSpan(0, length);
        var cut = length < text.Length;
        if (!NeedsEscape(kept))
        {
            return cut ? string.Concat(kept, "…") : text;
        }
        var shown = new StringBuilder(length + 16);
        for (var i = 0; i < kept.Length; i++)
        {
            var c = kept[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < kept.Length && char.IsLowSurrogate(kept[i + 1]);
            if (pair)
            {
                shown.Append(c).Append(kept[++i]);
            }
            else if (IsHidden(c))
            {
                shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }
        return cut ? shown.Append('…').ToString() : shown.ToString();
    }

    /// <summary>
    /// A character that must not appear in an id (and, for controls, in a name): a control
    /// character (NUL included), a bidi mark, embedding, override or isolate, or half of a
    /// surrogate pair. U+2028/U+2029 (line and paragraph separators) count as controls.
    /// </summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || IsBidi(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029';

    /// <summary>U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: the characters that change the order text is shown in.</summary>
    public static bool IsBidi(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsHidden(c))
            {
                return true;
            }
        }
        return false;
    }
}

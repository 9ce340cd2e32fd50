using System.Globalization;

namespace StockpileOptimizer.Domain;

// The form of ids and names (AIP-122 style): bounded, and free of characters that hide or
// reorder text. Reported with the value cut to a few dozen characters (ShownText).
internal sealed partial class Checks
{
    /// <summary>
    /// An id: 1–<see cref="InstanceValidator.MaxIdLength"/> characters of A–Z, a–z, 0–9, '.',
    /// '_' and '-' (so no NUL, control, bidi or other hidden character). Blank ids are reported
    /// by the caller.
    /// </summary>
    public void Id(string path, string value)
    {
        if (value.Length > InstanceValidator.MaxIdLength)
        {
            Add(path, $"must be at most {InstanceValidator.MaxIdLength} characters (got {Count(value.Length)}: {ShownText.Quote(value)})");
            return;
        }
        var bad = value.AsSpan().IndexOfAnyExcept(IdChars);
        if (bad >= 0)
        {
            Add(path, $"must use only the characters A–Z, a–z, 0–9, '.', '_' and '-' (got {ShownText.Quote(value)}, with {Character(value[bad])} at index {bad})");
        }
    }

    /// <summary>A name or label: at most <paramref name="max"/> characters, no control character and no unpaired surrogate; null is left alone.</summary>
    public void Text(string path, string? value, int max)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > max)
        {
            Add(path, $"must be at most {max} characters (got {Count(value.Length)}: {ShownText.Quote(value)})");
            return;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                Add(path, $"must not contain control characters (got {ShownText.Quote(value)}, with {Character(c)} at index {i})");
                return;
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private static string Count(int length) => length.ToString("N0", CultureInfo.InvariantCulture);

    private static string Character(char c) => $"U+{(int)c:X4}";
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The opaque page token: the insertion ordinal of the last job of the previous page
/// (keyset paging, so a page does not shift when new jobs arrive), base64url-encoded.
/// </summary>
internal static class JobPageToken
{
    private const string Prefix = "jobs-before:";

    public static string Format(long ordinal) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + ordinal.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The ordinal to list below; long.MaxValue for the first page.</summary>
    /// <exception cref="ArgumentException">Not a token this store issued.</exception>
    public static long Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return long.MaxValue;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
                && ordinal > 0)
            {
                return ordinal;
            }
        }
        catch (FormatException)
        {
        }
        throw new ArgumentException("the page token is not valid; pass the next_page_token of the previous page, or none", "pageToken");
    }
}

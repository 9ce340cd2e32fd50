using System.Security.Cryptography;
using System.Text;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// SHA-256 of stored JSON, kept in a column beside it and checked on every read: a changed
/// byte in the store (a bad disk, a hand edit) is reported as damage naming the job instead of
/// being answered as if it were the stored value. Rows written before schema version 3 have no
/// checksum (NULL) and are read unchecked.
/// </summary>
internal static class StoredChecksum
{
    /// <summary>Hex SHA-256 over the parts, each prefixed by its length (a NULL part as "-"), so parts cannot run into each other.</summary>
    public static string Of(params string?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part is null ? "-" : $"{part.Length}:{part}").Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The checksum to store with these parts: null when every part is null (nothing stored).</summary>
    public static string? OfStored(params string?[] parts) => parts.All(p => p is null) ? null : Of(parts);

    /// <exception cref="ChecksumMismatchException">A checksum is stored and the parts do not match it.</exception>
    public static void Verify(string? stored, params string?[] parts)
    {
        if (stored is not null && !string.Equals(stored, Of(parts), StringComparison.Ordinal))
        {
            throw new ChecksumMismatchException("its SHA-256 does not match the checksum stored with it (the stored JSON was changed)");
        }
    }
}

/// <summary>Stored JSON whose checksum does not match: changed after it was written.</summary>
internal sealed class ChecksumMismatchException(string message) : Exception(message);

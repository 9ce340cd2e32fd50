using System.Text;
using Google.Rpc;
using Grpc.Core;

namespace StockpileOptimizer.Server.Tests.Integration;

/// <summary>What an error costs the caller in metadata: the trailers it travels in, as a gRPC client receives them.</summary>
internal static class ErrorTrailer
{
    /// <summary>The limit a stock grpcio client puts on metadata (grpc.max_metadata_size, 8 KiB).</summary>
    public const int ClientLimit = 8 * 1024;

    /// <summary>
    /// Bytes of the error's trailers before header compression: grpc-status, grpc-message
    /// (percent-encoded, as gRPC sends it) and every other trailer, binary ones
    /// (grpc-status-details-bin) in base64; names included.
    /// </summary>
    public static int Size(RpcException error)
    {
        var size = "grpc-status".Length + ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture).Length
            + "grpc-message".Length + PercentEncodedLength(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            if (entry.Key is "grpc-status" or "grpc-message")
            {
                continue;
            }
            size += entry.Key.Length + (entry.IsBinary ? (entry.ValueBytes.Length + 2) / 3 * 4 : entry.Value.Length);
        }
        return size;
    }

    /// <summary>The violations of an INVALID_ARGUMENT answer, after asserting its trailers are under <see cref="ClientLimit"/>.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> SmallViolations(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var size = Size(error);
        Assert.True(size < ClientLimit, $"the error's trailers take {size} B, over {ClientLimit} B: {Cut(error.Status.Detail)}");
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations;
    }

    /// <summary>grpc-message's encoding: bytes outside 0x20–0x7E and '%' become %XX, per UTF-8 byte.</summary>
    private static int PercentEncodedLength(string text) =>
        Encoding.UTF8.GetBytes(text).Sum(b => b is >= 0x20 and <= 0x7E and not (byte)'%' ? 1 : 3);

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

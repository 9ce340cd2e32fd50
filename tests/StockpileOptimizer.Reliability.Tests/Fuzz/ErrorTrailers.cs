using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

/// <summary>
/// Every error the fuzz receives must fit the metadata a stock grpcio client accepts
/// (grpc.max_metadata_size, 8 KiB): its trailers — grpc-status, grpc-message (percent-encoded)
/// and grpc-status-details-bin (base64), names included — are measured and asserted under it.
/// </summary>
internal static class ErrorTrailers
{
    public const int Limit = 8 * 1024;

    private static int largest;
    private static int errors;

    /// <summary>The largest error trailers seen so far, and how many errors were measured.</summary>
    public static (int Largest, int Errors) Seen => (Volatile.Read(ref largest), Volatile.Read(ref errors));

    /// <summary>Runs <paramref name="call"/>; an RpcException has its trailers measured (and must be under <see cref="Limit"/>), then goes on to the caller.</summary>
    public static async Task<T> Checked<T>(Func<Task<T>> call)
        where T : IMessage
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            var size = Size(e);
            Interlocked.Increment(ref errors);
            var seen = Volatile.Read(ref largest);
            while (size > seen && Interlocked.CompareExchange(ref largest, size, seen) != seen)
            {
                seen = Volatile.Read(ref largest);
            }
            Assert.True(size < Limit, $"{e.StatusCode}: the error's trailers take {size} B, over {Limit} B: {(e.Status.Detail.Length > 300 ? e.Status.Detail[..300] + "…" : e.Status.Detail)}");
            throw;
        }
    }

    /// <summary>Bytes of the error's trailers before header compression.</summary>
    public static int Size(RpcException error)
    {
        var size = "grpc-status".Length + ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture).Length
            + "grpc-message".Length + Encoding.UTF8.GetBytes(error.Status.Detail).Sum(b => b is >= 0x20 and <= 0x7E and not (byte)'%' ? 1 : 3);
        foreach (var entry in error.Trailers)
        {
            if (entry.Key is not ("grpc-status" or "grpc-message"))
            {
                size += entry.Key.Length + (entry.IsBinary ? (entry.ValueBytes.Length + 2) / 3 * 4 : entry.Value.Length);
            }
        }
        return size;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Interceptors;

/// <summary>
/// The API key check (Server:ApiKey, header "x-api-key") with a throttle on wrong keys
/// (<see cref="ApiKeyThrottleOptions"/>), on the clock of <see cref="TimeProvider"/>. Called by
/// <see cref="Hosting.ApiKeyMiddleware"/> before the request body is read, so a caller without
/// the key never has its body parsed. A peer that is locked out is refused without its key
/// being looked at, so guesses during the lockout tell nothing.
/// </summary>
internal sealed class ApiKeyGate(IOptions<ServerOptions> server, IOptions<ApiKeyThrottleOptions> throttle, TimeProvider time)
{
    public const string Header = "x-api-key";

    /// <summary>Peers remembered at most; past it, peers with no lockout and an old window are forgotten first.</summary>
    private const int MaxPeers = 10_000;

    private readonly ConcurrentDictionary<string, Peer> peers = new(StringComparer.Ordinal);

    /// <summary>Whether a key is required at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(server.Value.ApiKey);

    /// <summary>
    /// The refusal of a call from <paramref name="peer"/> carrying <paramref name="given"/> (null:
    /// no header), or null when it may go on: UNAUTHENTICATED without a key or with a wrong one,
    /// RESOURCE_EXHAUSTED with a retry delay while the peer is locked out.
    /// </summary>
    public RpcException? Refusal(string peer, string? given)
    {
        var expected = server.Value.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return null;
        }
        var now = time.GetUtcNow();
        var state = peers.GetOrAdd(peer, _ => new Peer());
        lock (state)
        {
            if (state.LockedUntil > now)
            {
                return LockedOut(state.LockedUntil - now);
            }
        }
        if (given is null)
        {
            return RpcErrors.Unauthenticated($"this server needs an API key in the \"{Header}\" metadata header");
        }
        if (Matches(given, expected))
        {
            return null;
        }
        return Failed(peer, state, now) is { } lockout
            ? LockedOut(lockout)
            : RpcErrors.Unauthenticated($"the API key in \"{Header}\" is not valid");
    }

    /// <summary>Digests compared in fixed time, so that neither the length nor the content leaks.</summary>
    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Digest(given), Digest(expected));

    /// <summary>Counts a wrong key; the lockout's length when this one locks the peer out.</summary>
    private TimeSpan? Failed(string peer, Peer state, DateTimeOffset now)
    {
        var o = throttle.Value;
        if (o.ApiKeyMaxFailures == 0)
        {
            return null;
        }
        TimeSpan? lockout = null;
        lock (state)
        {
            if (now - state.WindowStart >= o.ApiKeyFailureWindow)
            {
                state.WindowStart = now;
                state.Failures = 0;
            }
            state.Failures++;
            if (state.Failures >= o.ApiKeyMaxFailures)
            {
                state.LockedUntil = now + o.ApiKeyLockout;
                state.Failures = 0;
                lockout = o.ApiKeyLockout;
            }
        }
        if (peers.Count > MaxPeers)
        {
            Forget(peer, now, o.ApiKeyFailureWindow);
        }
        return lockout;
    }

    private void Forget(string current, DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, state) in peers)
        {
            lock (state)
            {
                if (key != current && state.LockedUntil <= now && now - state.WindowStart >= window)
                {
                    peers.TryRemove(key, out _);
                }
            }
        }
    }

    private static RpcException LockedOut(TimeSpan left) => RpcErrors.ResourceExhausted(
        $"too many wrong API keys from this address; try again in {Math.Ceiling(left.TotalSeconds):0} s", left);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private sealed class Peer
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}

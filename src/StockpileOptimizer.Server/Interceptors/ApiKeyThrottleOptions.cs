namespace StockpileOptimizer.Server.Interceptors;

/// <summary>
/// How wrong API keys are throttled (<see cref="ApiKeyGate"/>), bound from the "Server" section
/// like the key itself: after <see cref="ApiKeyMaxFailures"/> wrong keys from one peer (IP
/// address) within <see cref="ApiKeyFailureWindow"/>, every call from that peer is answered
/// RESOURCE_EXHAUSTED, with the time left as its retry delay, for <see cref="ApiKeyLockout"/>.
/// </summary>
public sealed class ApiKeyThrottleOptions
{
    /// <summary>Wrong keys from one peer, within the window, that lock it out; 0 turns the throttle off.</summary>
    public int ApiKeyMaxFailures { get; set; } = 10;

    /// <summary>The window in which wrong keys are counted (counting starts again after it).</summary>
    public TimeSpan ApiKeyFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a locked-out peer is refused, whatever key it sends.</summary>
    public TimeSpan ApiKeyLockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The problems of the settings, by key; empty when they are valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (ApiKeyMaxFailures < 0)
        {
            yield return $"Server:ApiKeyMaxFailures must be ≥ 0 (got {ApiKeyMaxFailures})";
        }
        if (ApiKeyFailureWindow <= TimeSpan.Zero)
        {
            yield return $"Server:ApiKeyFailureWindow must be positive (got {ApiKeyFailureWindow})";
        }
        if (ApiKeyLockout <= TimeSpan.Zero)
        {
            yield return $"Server:ApiKeyLockout must be positive (got {ApiKeyLockout})";
        }
    }
}

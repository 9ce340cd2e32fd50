using Google.Protobuf.WellKnownTypes;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>
    /// A google.protobuf.Duration (a solve's time limit) as a <see cref="TimeSpan"/>; null when
    /// unset or out of Duration's range (<see cref="IsValid(Duration)"/>; the request's mapping
    /// reports that).
    /// </summary>
    public static TimeSpan? ToTimeSpan(Duration? duration) =>
        duration is not null && IsValid(duration) ? duration.ToTimeSpan() : null;

    /// <summary>
    /// Whether <paramref name="duration"/> is in google.protobuf.Duration's range (± 315,576,000,000 s,
    /// |nanos| below 10⁹ with the sign of the seconds); <see cref="Duration.ToTimeSpan"/> throws for any other.
    /// </summary>
    public static bool IsValid(Duration duration) =>
        duration.Seconds is >= Duration.MinSeconds and <= Duration.MaxSeconds
        && duration.Nanos is > -Duration.NanosecondsPerSecond and < Duration.NanosecondsPerSecond
        && !(duration.Seconds < 0 && duration.Nanos > 0) && !(duration.Seconds > 0 && duration.Nanos < 0);
}

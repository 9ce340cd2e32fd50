using System.Globalization;

namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The older configuration keys of durations, in seconds (<c>Jobs:DefaultTimeLimitSeconds=60</c>),
/// still read: each sets its TimeSpan option (<c>Jobs:DefaultTimeLimit</c>) unless that option's
/// own key is set.
/// </summary>
internal static class SecondsKeys
{
    /// <summary>Reads "<paramref name="name"/>Seconds" into <paramref name="set"/> when "<paramref name="name"/>" is not set.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number of seconds; the message names the key.</exception>
    public static void Apply(IConfiguration section, string name, Action<TimeSpan> set)
    {
        if (section[name] is not null || section[name + "Seconds"] is not { } text)
        {
            return;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || Math.Abs(seconds) >= TimeSpan.MaxValue.TotalSeconds)
        {
            var path = section is IConfigurationSection s ? $"{s.Path}:" : "";
            throw new InvalidOperationException($"{path}{name}Seconds: \"{text}\" is not a number of seconds");
        }
        set(TimeSpan.FromSeconds(seconds));
    }
}

using System.Globalization;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// A job's events changed in the store: its last sequence number is now <paramref name="LastSequence"/>
/// and its state <paramref name="State"/>. Sent by whichever replica stored them, to every listener.
/// With <paramref name="CancelRequested"/>, no event was stored: a replica asked the owner of the
/// RUNNING job to cancel it (<see cref="ISharedJobStore.RequestCancelAsync"/>).
/// </summary>
public sealed record JobEventNotice(string JobId, long LastSequence, JobState State, bool CancelRequested = false)
{
    /// <summary>Stands where a state name stands in a cancel request's payload.</summary>
    private const string CancelMark = "CANCEL-REQUESTED";

    internal static string Format(string jobId, long lastSequence, JobState state) =>
        string.Create(CultureInfo.InvariantCulture, $"{lastSequence}:{state.ToName()}:{jobId}");

    internal static string FormatCancel(string jobId, long lastSequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{lastSequence}:{CancelMark}:{jobId}");

    internal static bool TryParse(string payload, out JobEventNotice notice)
    {
        notice = null!;
        var parts = payload.Split(':', 3);
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }
        if (parts[1] == CancelMark)
        {
            notice = new JobEventNotice(parts[2], sequence, JobState.Running, CancelRequested: true);
            return true;
        }
        if (Enum.TryParse<JobState>(parts[1], ignoreCase: true, out var state))
        {
            notice = new JobEventNotice(parts[2], sequence, state);
            return true;
        }
        return false;
    }
}
